package dev.sluice.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code admin:}: the admin port's address, the groups whose members may use its API, and its public URL.
 * Without {@code listen} there is no admin port, and the other keys have nothing to apply to.
 */
final class AdminSection {

    static final List<String> KEYS = List.of("listen", "admin_groups", "reviewer_groups", "public_url");
    private static final Pattern NOT_BLANK = Pattern.compile(".*\\S.*");

    /**
     * What was read.
     *
     * @param admin   the admin configuration; empty when the admin port is off
     * @param section the section as read, for reporting a listen address a listener uses too
     */
    record Result(Optional<AdminConfig> admin, MappingReader section) {
    }

    private AdminSection() {
    }

    /** @return empty when a problem was reported */
    static Optional<Result> read(MappingReader top) {
        Optional<MappingReader> read = top.section("admin", KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        MappingReader section = read.get();
        Optional<HostPort> listen = section.optional("listen", HostPort.parser(0));
        Optional<List<String>> adminGroups = groups(section, "admin_groups", AdminConfig.DEFAULT_ADMIN_GROUPS);
        Optional<List<String>> reviewerGroups = groups(section, "reviewer_groups", AdminConfig.DEFAULT_REVIEWER_GROUPS);
        Optional<Optional<URI>> publicUrl = section.has("public_url")
                ? section.optional("public_url", publicUrl()).map(Optional::of)
                : Optional.of(Optional.empty());
        boolean listening = section.has("listen");
        if (listening && listen.isEmpty() || adminGroups.isEmpty() || reviewerGroups.isEmpty() || publicUrl.isEmpty()) {
            return Optional.empty();
        }
        Optional<AdminConfig> admin = listen.map(address -> new AdminConfig(address, adminGroups.get(),
                reviewerGroups.get(), publicUrl.get().orElseGet(() -> AdminConfig.defaultPublicUrl(address))));
        return Optional.of(new Result(admin, section));
    }

    /** Absent gives the default; written, it may be an empty list (nobody has that role). */
    private static Optional<List<String>> groups(MappingReader section, String key, List<String> fallback) {
        if (section.node(key).isEmpty()) {
            return Optional.of(fallback);
        }
        return section.scalarOrList(key, Values.matching(NOT_BLANK, "a group name must not be blank"));
    }

    /**
     * An absolute http(s) URL without query or fragment; a trailing slash is dropped so that links can be built by
     * appending a path.
     */
    private static ValueParser<URI> publicUrl() {
        return Values.string().then(text -> {
            URI uri;
            try {
                uri = new URI(text.strip());
            } catch (URISyntaxException e) {
                throw new InvalidValue("'" + text + "' is not a valid URL");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw new InvalidValue("'" + text + "' must be an https:// or http:// URL with a host");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new InvalidValue("'" + text + "' must not carry a user, a query or a fragment");
            }
            String written = uri.toString();
            return written.endsWith("/") ? URI.create(written.substring(0, written.length() - 1)) : uri;
        });
    }
}
