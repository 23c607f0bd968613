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
 * ErrorResponse (SQLSTATE 42501, insufficient_privilege) that keeps the session alive. A Review is first held by
 * {@link ApprovalWait}, whose outcome becomes one of the two.
 *
 * <p>An Allow is forwarded with its mask plan; the session's client-bound filter carries the plan out (and, under a
 * masking policy, replaces it by the session's own: see {@link ClientBoundFilter#plan}).
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
            case Decision.Allow allow -> new Verdict.Forward(allow.maskPlan(), decision.outcome());
            case Decision.Deny deny -> refuse("SLUICE-DENY: " + deny.reason() + " (rule " + deny.rule() + ")",
                    decision.outcome());
            // A session that can hold a statement (see CommandLedger) never gets here with a Review: this is startup,
            // before the client can be told what it waits for.
            case Decision.Review review -> notApproved(review, "", "a statement that needs approval cannot be "
                    + "held before the session is ready; send it once connected");
        };
    }

    /** A held command that will not run: rejected, expired, withdrawn, or approvals could not be recorded. */
    static Verdict.Refuse notApproved(Decision.Review review, String requestId, String reason) {
        return refuse("SLUICE-REVIEW: not approved: " + reason + " (rule " + review.rule()
                + (requestId.isEmpty() ? "" : ", request " + requestId) + ")", "review");
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
