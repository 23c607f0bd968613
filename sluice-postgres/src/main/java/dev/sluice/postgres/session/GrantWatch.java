package dev.sluice.postgres.session;

import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.Approvals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the access grant a session was admitted under, for connections whose grants end their sessions: at the
 * grant's end, or as soon as a check finds it revoked (on this replica or another sharing the store), the session is
 * ended. Checks run every {@link #RECHECK} and at the grant's end, on a virtual thread, because they read the store.
 */
final class GrantWatch {

    /** How soon a revocation through another replica ends the session. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(GrantWatch.class);

    private final Approvals approvals;
    private final AccessGrant grant;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<String> endSession;
    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;

    private GrantWatch(Approvals approvals, AccessGrant grant, ScheduledExecutorService scheduler, Clock clock,
                       Consumer<String> endSession) {
        this.approvals = approvals;
        this.grant = grant;
        this.scheduler = scheduler;
        this.clock = clock;
        this.endSession = endSession;
    }

    /** Starts watching; {@code endSession} gets a sentence for the client once the grant is over. */
    static GrantWatch start(Approvals approvals, AccessGrant grant, ScheduledExecutorService scheduler, Clock clock,
                            Consumer<String> endSession) {
        GrantWatch watch = new GrantWatch(approvals, grant, scheduler, clock, endSession);
        watch.scheduleNext();
        return watch;
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void scheduleNext() {
        if (stopped) {
            return;
        }
        Duration untilEnd = Duration.between(clock.instant(), grant.endsAt());
        long delay = Math.max(0, Math.min(RECHECK.toMillis(), untilEnd.toMillis()));
        try {
            next = scheduler.schedule(() -> Thread.ofVirtual().name("sluice-grant-watch").start(this::check),
                    delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the listener is closing; its sessions end with it
        }
    }

    private void check() {
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        boolean active;
        try {
            active = !now.isBefore(grant.endsAt()) ? false
                    : approvals.activeGrant(grant.subject(), grant.connection(), now).isPresent();
        } catch (RuntimeException e) {
            // The store is unreachable: the grant's own end still holds, so keep the session until then.
            log.warn("access grant {} could not be re-checked: {}", grant.id(), e.getClass().getSimpleName());
            active = now.isBefore(grant.endsAt());
        }
        if (active) {
            scheduleNext();
        } else {
            stopped = true;
            endSession.accept(now.isBefore(grant.endsAt()) ? "the access grant " + grant.id() + " was revoked"
                    : "the access grant " + grant.id() + " expired");
        }
    }
}
