package dev.sluice.core.connection;

import dev.sluice.core.identity.Identity;

import java.util.Set;

/**
 * Who may open a session on a connection: named users (identity subjects) and groups. Empty lists admit nobody,
 * so a connection without an access list is closed rather than open.
 */
public record AccessList(Set<String> users, Set<String> groups) {

    public AccessList {
        users = Set.copyOf(users == null ? Set.of() : users);
        groups = Set.copyOf(groups == null ? Set.of() : groups);
    }

    public boolean admits(Identity identity) {
        if (users.contains(identity.subject())) {
            return true;
        }
        for (String group : identity.groups()) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }
}
