package dev.sluice.postgres.session;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.gateway.Gate;
import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.core.session.SessionContext;
import dev.sluice.postgres.session.PgDecisions.Verdict;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deciding and recording for one session: every command goes to the core's gate (which records the decision), and
 * how it ended goes to the recorder and the metrics. The flows call it from the client thread, the relay from the
 * upstream thread.
 */
final class CommandLedger {

    private final GatewayServices services;
    private final SessionContext session;
    private final AtomicLong commands = new AtomicLong();
    private final Justification justification = new Justification();
    private volatile ApprovalWait approvalWait;
    private volatile ClientBoundFilter filter = ClientBoundFilter.PASS_THROUGH;

    CommandLedger(GatewayServices services, SessionContext session) {
        this.services = services;
        this.session = session;
    }

    /**
     * From now on a command sent to review is held (the session is ready: its client can be told and can wait).
     * Before this, during startup, a review refuses the command.
     */
    void holdReviewsWith(ApprovalWait.Notices notices) {
        approvalWait = new ApprovalWait(services.approvals(), session, notices);
    }

    /** From now on every forwarded command runs under the plan this session's filter gives it. */
    void maskWith(ClientBoundFilter sessionFilter) {
        this.filter = sessionFilter;
    }

    /**
     * The plan for results no judged command owns (an Execute of a portal from SQL-level PREPARE or DECLARE): under
     * masking, a command the gateway cannot see into, so every column the wire cannot name counts as of unknown
     * source.
     */
    MaskPlan unseenCommandPlan() {
        return filter.plan(new SqlCommand("", List.of(), List.of()), MaskPlan.NONE);
    }

    /** Withdraws a statement held for approval, if one is; called from other threads (cancel, session end). */
    boolean withdrawHeld(String reason) {
        ApprovalWait wait = approvalWait;
        return wait != null && wait.withdraw(reason);
    }

    /** The session the commands belong to (known before it starts: startup parameters are judged first). */
    SessionContext session() {
        return session;
    }

    /** A judged command: the id the audit log knows it by, and what the session does with it. */
    record Judgement(String commandId, Verdict verdict) {
    }

    /**
     * Puts the command to the gate (which records the decision) and turns the decision into what this session
     * does. Once the session is ready, a command sent to review is held here until it is decided
     * ({@link ApprovalWait}). A refused command is recorded as complete here, at once: nothing ran,
     * so no flow can forget it.
     */
    Judgement judge(SqlCommand command) throws IOException {
        commands.incrementAndGet();
        if (command.hasKind("SET") || command.hasKind("RESET")) {
            justification.observe(command.text());
        }
        Gate.Ruling ruling = services.gate().decide(session, command);
        ApprovalWait wait = approvalWait;
        Verdict verdict = ruling.decision() instanceof Decision.Review review && wait != null
                ? wait.await(ruling.commandId(), command, review, justification.current())
                : PgDecisions.render(ruling.decision());
        if (verdict instanceof Verdict.Refuse refuse) {
            refused(ruling.commandId(), refuse);
        } else if (verdict instanceof Verdict.Forward forward) {
            verdict = new Verdict.Forward(filter.plan(command, forward.maskPlan()), forward.outcome());
        }
        return new Judgement(ruling.commandId(), verdict);
    }

    private void refused(String commandId, Verdict.Refuse refuse) {
        services.recorder().commandCompleted(session.id(), commandId, 0, 0, refuse.error().sqlState());
        services.metrics().commandCompleted(PgSession.PROTOCOL, refuse.outcome(), 0, false);
    }

    /** A forwarded command's answer is complete (or the session ended before it was). */
    void completed(CommandRun run) {
        services.recorder().resultMasked(session.id(), run.commandId(), filter.rulesFired(run.maskPlan()));
        long nanos = System.nanoTime() - run.startNanos();
        services.recorder().commandCompleted(session.id(), run.commandId(), run.rows(), nanos / 1000,
                run.errorSqlState());
        services.metrics().commandCompleted(PgSession.PROTOCOL, run.outcome(), nanos, run.hasFailed());
    }

    /** Commands the gate has judged in this session. */
    long commands() {
        return commands.get();
    }
}
