package dev.sluice.core.connection;

import dev.sluice.core.identity.Identity;

import java.util.Optional;
import java.util.Set;

/**
 * Who may open a session on a connection: named users (identity subjects) and groups. Empty lists admit nobody,
 * so a connection without an access list is closed rather than open. With {@link JitAccess}, an identity the lists
 * do not admit may still connect while it holds an approved access grant; {@link #admits} answers for the static
 * lists only.
 */
public record AccessList(Set<String> users, Set<String> groups, Optional<JitAccess> jit) {

    public AccessList {
        users = Set.copyOf(users == null ? Set.of() : users);
        groups = Set.copyOf(groups == null ? Set.of() : groups);
        jit = jit == null ? Optional.empty() : jit;
    }

    /** A static access list, without just-in-time grants. */
    public AccessList(Set<String> users, Set<String> groups) {
        this(users, groups, Optional.empty());
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
