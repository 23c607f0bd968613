package dev.sluice.postgres.session;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.gateway.Gate;
import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.session.SessionContext;
import dev.sluice.postgres.session.PgDecisions.Verdict;

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

    CommandLedger(GatewayServices services, SessionContext session) {
        this.services = services;
        this.session = session;
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
     * does. A refused command is recorded as complete here, at once: nothing ran, so no flow can forget it.
     */
    Judgement judge(SqlCommand command) {
        commands.incrementAndGet();
        Gate.Ruling ruling = services.gate().decide(session, command);
        Verdict verdict = PgDecisions.render(ruling.decision());
        if (verdict instanceof Verdict.Refuse refuse) {
            refused(ruling.commandId(), refuse);
        }
        return new Judgement(ruling.commandId(), verdict);
    }

    private void refused(String commandId, Verdict.Refuse refuse) {
        services.recorder().commandCompleted(session.id(), commandId, 0, 0, refuse.error().sqlState());
        services.metrics().commandCompleted(PgSession.PROTOCOL, refuse.outcome(), 0, false);
    }

    /** A forwarded command's answer is complete (or the session ended before it was). */
    void completed(CommandRun run) {
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
