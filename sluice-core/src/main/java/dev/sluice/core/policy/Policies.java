package dev.sluice.core.policy;

import java.util.Objects;

/** The fixed policies: allow everything (the default), deny everything, or always answer the same. */
public final class Policies {

    private Policies() {
    }

    public static Policy allowAll() {
        return (session, command) -> Decision.allow();
    }

    public static Policy denyAll(String reason) {
        Objects.requireNonNull(reason, "reason");
        return (session, command) -> new Decision.Deny("deny-all", reason);
    }

    public static Policy fixed(Decision decision) {
        Objects.requireNonNull(decision, "decision");
        return (session, command) -> decision;
    }
}
