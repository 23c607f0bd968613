package dev.sluice.postgres.session;

import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.frontend.Parse;
import dev.sluice.postgres.codec.frontend.Query;

import java.util.List;
import java.util.Objects;

/**
 * The one place a {@link Decision} becomes PostgreSQL wire behaviour: forward the command, or answer it with an
 * ErrorResponse (SQLSTATE 42501, insufficient_privilege) that keeps the session alive.
 *
 * <p>Fail closed: a decision the gateway can't carry out yet is a refusal. A Review needs the approvals capability,
 * and an Allow whose mask plan masks something needs the masking capability; until they exist both are refused with a
 * sentence that says so.
 */
public final class PgDecisions {

    public static final String INSUFFICIENT_PRIVILEGE = "42501";

    /**
     * Sent upstream in place of a refused command. It can never parse, so the server answers with an error and runs
     * nothing; and, as after any error, it aborts the transaction block (or the implicit transaction of a pipelined
     * unit) the command was part of, so work before a refused statement cannot be committed as if the statement had
     * never been sent. The relay shows the client the refusal in place of the syntax error.
     */
    public static final String REFUSED_SQL = "SLUICE_REFUSED /* the Sluice gateway refused this statement */";

    private static final byte[] STAND_IN_QUERY = new Query(REFUSED_SQL).encode();

    /** What the session does with a command. */
    public sealed interface Verdict {
        /** The decision's one-word outcome, for metrics. */
        String outcome();

        /** Send the command upstream; shape the results by the plan. */
        record Forward(MaskPlan maskPlan, String outcome) implements Verdict {
            public Forward {
                Objects.requireNonNull(maskPlan, "maskPlan");
            }
        }

        /** Never send the command; the client sees this error in its place. */
        record Refuse(ErrorFields error, String outcome) implements Verdict {
            public Refuse {
                Objects.requireNonNull(error, "error");
            }
        }
    }

    private PgDecisions() {
    }

    public static Verdict render(Decision decision) {
        return switch (decision) {
            case Decision.Allow allow -> allow.maskPlan().masksAnything()
                    ? refuse("SLUICE-DENY: the results of this command must be masked, and masking is not yet "
                    + "available on this gateway", decision.outcome())
                    : new Verdict.Forward(allow.maskPlan(), decision.outcome());
            case Decision.Deny deny -> refuse("SLUICE-DENY: " + deny.reason() + " (rule " + deny.rule() + ")",
                    decision.outcome());
            case Decision.Review review -> refuse("SLUICE-REVIEW: approval required from "
                    + (review.approverGroups().isEmpty() ? "a reviewer" : String.join(", ", review.approverGroups()))
                    + " (rule " + review.rule() + "), but approvals are not yet available on this gateway",
                    decision.outcome());
        };
    }

    /** The Query sent upstream in place of a refused Query or Function Call. */
    static byte[] standInQuery() {
        return STAND_IN_QUERY.clone();
    }

    /** The Parse sent upstream in place of a refused Parse: same statement name, text that fails to parse. */
    static byte[] standInParse(String statement) {
        return new Parse(statement, REFUSED_SQL, List.of()).encode();
    }

    private static Verdict.Refuse refuse(String message, String outcome) {
        return new Verdict.Refuse(ErrorFields.of(PgErrors.ERROR, INSUFFICIENT_PRIVILEGE, message), outcome);
    }
}
