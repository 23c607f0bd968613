package dev.sluice.app.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The admin port: where it listens, who may use its API, and the address people reach it by.
 *
 * @param listen         the admin server's address ({@code admin.listen})
 * @param adminGroups    members may do everything the admin API offers ({@code admin.admin_groups})
 * @param reviewerGroups members may list, show, approve and reject approval requests and read sessions
 *                       ({@code admin.reviewer_groups})
 * @param publicUrl      the admin API's base URL as people and chat tools reach it, for links in notifications
 *                       ({@code admin.public_url}); without a trailing slash. Defaults to {@code http://<listen>}
 */
public record AdminConfig(HostPort listen, List<String> adminGroups, List<String> reviewerGroups, URI publicUrl) {

    public static final List<String> DEFAULT_ADMIN_GROUPS = List.of("sluice-admins");
    public static final List<String> DEFAULT_REVIEWER_GROUPS = List.of("sluice-reviewers");

    public AdminConfig {
        Objects.requireNonNull(listen, "listen");
        adminGroups = List.copyOf(adminGroups);
        reviewerGroups = List.copyOf(reviewerGroups);
        Objects.requireNonNull(publicUrl, "publicUrl");
    }

    /** {@code http://<listen>}: right when people reach the admin port directly, not through a proxy. */
    public static URI defaultPublicUrl(HostPort listen) {
        return URI.create("http://" + listen);
    }
}
