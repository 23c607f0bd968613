package dev.sluice.app.admin;

import dev.sluice.core.identity.Identity;

import java.util.List;

/**
 * Which groups hold which role in the admin API ({@code admin.admin_groups}, {@code admin.reviewer_groups}). An
 * admin may do everything a reviewer may. An empty list gives that role to nobody.
 */
public record AdminRoles(List<String> adminGroups, List<String> reviewerGroups) {

    public AdminRoles {
        adminGroups = List.copyOf(adminGroups);
        reviewerGroups = List.copyOf(reviewerGroups);
    }

    public boolean isAdmin(Identity identity) {
        return adminGroups.stream().anyMatch(identity::inGroup);
    }

    public boolean isReviewer(Identity identity) {
        return isAdmin(identity) || reviewerGroups.stream().anyMatch(identity::inGroup);
    }

    /** Whether {@code identity} may call an endpoint open to {@code access}. */
    boolean permits(Access access, Identity identity) {
        return switch (access) {
            case PUBLIC, AUTHENTICATED -> true;
            case REVIEWER -> isReviewer(identity);
            case ADMIN -> isAdmin(identity);
        };
    }

    /** What a refused caller is told they lack; group names are configuration, not secrets. */
    String requirement(Access access) {
        return switch (access) {
            case PUBLIC, AUTHENTICATED -> "a valid token";
            case REVIEWER -> "membership of a reviewer or admin group (" + names(concat(reviewerGroups, adminGroups)) + ")";
            case ADMIN -> "membership of an admin group (" + names(adminGroups) + ")";
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList();
    }

    private static String names(List<String> groups) {
        return groups.isEmpty() ? "none is configured" : String.join(", ", groups);
    }
}
