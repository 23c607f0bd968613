package dev.sluice.postgres.gateway;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.Policy;

import java.util.List;
import java.util.regex.Pattern;

/** Policies written for these tests (real policies are another capability). */
public final class TestPolicies {

    private static final Pattern SET_ROLE = Pattern.compile("(?i)set\\s+role\\b.*");

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

    /**
     * {@link #noDropReviewTruncate()}, and besides denies fastpath function calls and changing the role, whether by
     * {@code SET role} in the session or by a {@code role} startup parameter.
     */
    public static Policy guarded() {
        Policy base = noDropReviewTruncate();
        return (session, command) -> switch (command) {
            case SqlCommand sql when sql.kinds().contains(SqlStatement.FUNCTION_CALL) ->
                    new Decision.Deny("no-fastpath", "fastpath function calls are not allowed");
            case SqlCommand sql when sql.statements().stream()
                    .anyMatch(s -> s.kind().equals("SET") && SET_ROLE.matcher(s.normalizedText()).matches()) ->
                    new Decision.Deny("no-role", "changing the role is not allowed");
            case SqlCommand sql -> base.decide(session, sql);
        };
    }
}
