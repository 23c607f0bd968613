package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.backend.ErrorFields;

import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * One message the gateway sent upstream that the upstream still owes an answer for, in the in-flight queue. Answers
 * come back in the order the messages were sent, so the head of the queue owns whatever the upstream says next
 * (asynchronous notices and notifications aside).
 */
final class Pending {

    /** What was sent, and so how its answer ends. */
    enum Kind {
        /** Simple Query (or the refusal that replaced one): ends with ReadyForQuery. */
        QUERY,
        /** Ends with ParseComplete. */
        PARSE,
        /** Ends with BindComplete. */
        BIND,
        /** Ends with RowDescription or NoData (a statement's ParameterDescription comes first). */
        DESCRIBE,
        /**
         * A Describe of a portal the gateway sent on its own before an Execute under masking, so that the rows'
         * description (with the formats the client's Bind asked for) precedes them: ends like {@link #DESCRIBE},
         * and its answer is shown to the masking filter only, never to the client.
         */
        MASKING_DESCRIBE,
        /** Ends with CommandComplete, EmptyQueryResponse or PortalSuspended (DataRows and COPY before). */
        EXECUTE,
        /** Ends with CloseComplete. */
        CLOSE,
        /** Ends with ReadyForQuery; an error before it (a failed implicit COMMIT) does not end it. */
        SYNC,
        /** Function Call (fastpath): FunctionCallResponse or an error, then ReadyForQuery, which ends it. */
        FUNCTION_CALL
    }

    private static final String QUERY_CANCELED = "57014";

    private final Kind kind;
    private final CommandRun run;
    private final ErrorFields refusal;
    private final dev.sluice.core.policy.MaskPlan plan;
    private volatile boolean finished;
    private volatile ScheduledFuture<?> timer;
    /** The gateway's statement timeout cancelled this command: explained in the client's error. */
    private volatile String timeoutCancel;
    private boolean refusalSent;

    private Pending(Kind kind, CommandRun run, ErrorFields refusal, dev.sluice.core.policy.MaskPlan plan) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.run = run;
        this.refusal = refusal;
        this.plan = run != null ? run.maskPlan() : plan;
    }

    static Pending of(Kind kind) {
        return new Pending(kind, null, null, dev.sluice.core.policy.MaskPlan.NONE);
    }

    /** A forwarded Query, Execute or Function Call whose completion is recorded. */
    static Pending command(Kind kind, CommandRun run) {
        return new Pending(kind, Objects.requireNonNull(run, "run"), null, null);
    }

    /**
     * A forwarded message no judged command owns (an Execute of a portal from SQL-level PREPARE or DECLARE), whose
     * answer is still masked by {@code plan}.
     */
    static Pending unrecorded(Kind kind, dev.sluice.core.policy.MaskPlan plan) {
        return new Pending(kind, null, null, Objects.requireNonNull(plan, "plan"));
    }

    /** The plan that masks this message's answer: its command's, or {@link #unrecorded}'s. */
    dev.sluice.core.policy.MaskPlan plan() {
        return plan;
    }

    /**
     * A refused Query or Parse. What went upstream instead fails on purpose; the client gets {@code refusal} in place
     * of whatever the upstream answers.
     */
    static Pending refused(Kind kind, ErrorFields refusal) {
        return new Pending(kind, null, Objects.requireNonNull(refusal, "refusal"),
                dev.sluice.core.policy.MaskPlan.NONE);
    }

    Kind kind() {
        return kind;
    }

    /** The command to record, or {@code null} (protocol bookkeeping, refusals, executes of unknown portals). */
    CommandRun run() {
        return run;
    }

    /** The error the client gets instead of the upstream's answer, or {@code null}. */
    ErrorFields refusal() {
        return refusal;
    }

    boolean refusalSent() {
        return refusalSent;
    }

    void markRefusalSent() {
        refusalSent = true;
    }

    boolean isFinished() {
        return finished;
    }

    void timer(ScheduledFuture<?> timer) {
        this.timer = timer;
        if (finished) {
            timer.cancel(false);
        }
    }

    /** Records that the gateway cancels this command for exceeding {@code timeout} (e.g. "30s"). */
    void cancelledByTimeout(String timeout) {
        this.timeoutCancel = timeout;
    }

    /**
     * The server reports a cancel as "canceling statement due to user request", because the gateway's CancelRequest
     * is one. When the gateway's own timeout sent it, the client should read that instead, as it would for
     * PostgreSQL's statement_timeout.
     */
    ErrorFields explainCancel(ErrorFields error) {
        String timeout = timeoutCancel;
        if (timeout == null || !QUERY_CANCELED.equals(error.sqlState())) {
            return error;
        }
        return error.withMessage("canceling statement due to statement timeout")
                .withDetail("SLUICE-LIMIT: the gateway's statement timeout (" + timeout + ") was exceeded");
    }

    /** The upstream has answered in full (or never will): stops its statement timer. */
    void finish() {
        finished = true;
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
