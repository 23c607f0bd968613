package dev.sluice.postgres.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's statement timeout ({@code SessionLimits.statementTimeout}): a check scheduled when a command is sent
 * upstream, which cancels it through a CancelRequest if it has not finished by then. Unlike the server's own
 * {@code statement_timeout} a client cannot {@code SET} it away.
 *
 * <p>The clock starts when the gateway forwards the command, so a command queued behind others in a pipeline gets
 * less time. PostgreSQL cancels whatever the backend runs when the request arrives; a command that finished in the
 * same instant may thus let the cancel hit the next one (the race every PostgreSQL cancel has). The client sees the
 * server's 57014 error, reworded as PostgreSQL's own statement_timeout would word it (see
 * {@link Pending#explainCancel}).
 */
final class StatementTimer {

    private static final Logger log = LoggerFactory.getLogger(StatementTimer.class);

    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Runnable cancel;
    private final String sessionId;

    /**
     * @param cancel sends the CancelRequest; called on the scheduler thread, so it must hand blocking work off
     */
    StatementTimer(ScheduledExecutorService scheduler, Duration timeout, Runnable cancel, String sessionId) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.cancel = cancel;
        this.sessionId = sessionId;
    }

    /** Starts the clock for a forwarded command. */
    void watch(Pending pending) {
        if (timeout.isZero()) {
            return;
        }
        try {
            pending.timer(scheduler.schedule(() -> expire(pending), timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            // the listener is closing and takes the session with it
        }
    }

    private void expire(Pending pending) {
        if (pending.isFinished()) {
            return;
        }
        log.info("session {}: command exceeded the statement timeout of {}; cancelling it upstream", sessionId,
                PgErrors.describe(timeout));
        pending.cancelledByTimeout(PgErrors.describe(timeout));
        cancel.run();
    }
}
