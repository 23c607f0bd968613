package dev.sluice.postgres.session;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The idle timeout ({@code SessionLimits.idleTimeout}): a session whose client has sent nothing for that long while
 * nothing was in flight is ended. A check is scheduled for when the session would next become idle-expired and
 * re-armed from the latest activity, so the cost is one timer per idle period, not one per message (a socket read
 * timeout would arm and disarm a timer on every read).
 */
final class IdleTimer {

    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final InFlight inFlight;
    private final Runnable expire;
    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;

    /**
     * @param expire ends the session; called on a virtual thread of its own
     */
    IdleTimer(ScheduledExecutorService scheduler, Duration timeout, InFlight inFlight, Runnable expire) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.inFlight = inFlight;
        this.expire = expire;
    }

    void start() {
        if (!timeout.isZero()) {
            arm(timeout.toNanos());
        }
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
    }

    private void arm(long nanos) {
        if (stopped) {
            return;
        }
        try {
            next = scheduler.schedule(this::check, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the listener is closing and takes the session with it
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        if (inFlight.isBusy()) {
            arm(timeout.toNanos()); // the upstream is working for the client: not idle
            return;
        }
        long idleNanos = System.nanoTime() - inFlight.lastActivityNanos();
        if (idleNanos >= timeout.toNanos()) {
            Thread.ofVirtual().start(expire);
        } else {
            arm(timeout.toNanos() - idleNanos);
        }
    }
}
