package dev.sluice.core.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts open sessions against {@link SessionLimits} and lets shutdown wait for them to drain.
 * A session holds a {@link Lease} from admission to its end; closing the lease releases its slot.
 */
public final class SessionRegistry {

    private final SessionLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final Map<String, Integer> perIdentity = new HashMap<>();
    private int open;

    public SessionRegistry(SessionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public SessionLimits limits() {
        return limits;
    }

    /** Outcome of asking for a slot. */
    public sealed interface Admission {
        record Admitted(Lease lease) implements Admission {
        }

        /** @param reason a safe sentence for the client */
        record Refused(String reason) implements Admission {
        }
    }

    /** A held session slot; closing it twice is harmless. */
    public final class Lease implements AutoCloseable {
        private final String subject;
        private boolean released;

        private Lease(String subject) {
            this.subject = subject;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (released) {
                    return;
                }
                released = true;
                open--;
                perIdentity.computeIfPresent(subject, (k, n) -> n == 1 ? null : n - 1);
                if (open == 0) {
                    drained.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    public Admission admit(String subject) {
        lock.lock();
        try {
            if (open >= limits.maxSessions()) {
                return new Admission.Refused("the gateway is at its limit of " + limits.maxSessions() + " sessions");
            }
            int mine = perIdentity.getOrDefault(subject, 0);
            if (mine >= limits.maxSessionsPerIdentity()) {
                return new Admission.Refused("you already have " + mine + " sessions open, the limit per identity");
            }
            perIdentity.put(subject, mine + 1);
            open++;
            return new Admission.Admitted(new Lease(subject));
        } finally {
            lock.unlock();
        }
    }

    public int openSessions() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every lease is released or the deadline passes; true when drained. */
    public boolean awaitDrained(Duration deadline) throws InterruptedException {
        long nanos = deadline.toNanos();
        lock.lock();
        try {
            while (open > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = drained.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
