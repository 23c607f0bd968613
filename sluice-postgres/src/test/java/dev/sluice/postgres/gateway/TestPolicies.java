package dev.sluice.postgres.gateway;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.Policy;

import java.util.List;

/** A policy written for these tests (real policies are another capability). */
public final class TestPolicies {

    private TestPolicies() {
    }

    /** Denies commands with a DROP statement, sends those with TRUNCATE to review, allows the rest. */
    public static Policy noDropReviewTruncate() {
        return (session, command) -> switch (command) {
            case SqlCommand sql when sql.kinds().contains("DROP") ->
                    new Decision.Deny("no-drop", "DROP is not allowed on " + session.connection().name());
            case SqlCommand sql when sql.kinds().contains("TRUNCATE") ->
                    new Decision.Review("truncate-needs-review", List.of("dba"));
            case SqlCommand sql -> Decision.allow();
        };
    }
}
