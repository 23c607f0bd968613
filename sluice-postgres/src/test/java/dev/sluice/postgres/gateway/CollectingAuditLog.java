package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.AuditLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** An in-memory audit log: keeps every event so tests can assert what was recorded, and wait for late ones. */
public final class CollectingAuditLog implements AuditLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public void append(AuditEvent event) {
        submit(event);
    }

    @Override
    public void submit(AuditEvent event) {
        lock.lock();
        try {
            events.add(event);
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public List<AuditEvent> events() {
        lock.lock();
        try {
            return List.copyOf(events);
        } finally {
            lock.unlock();
        }
    }

    public <T extends AuditEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits (up to 10 s) for an event of the type that matches, and returns it; fails the test otherwise. */
    public <T extends AuditEvent> T await(Class<T> type, Predicate<T> matching) {
        long nanos = Duration.ofSeconds(10).toNanos();
        lock.lock();
        try {
            while (true) {
                for (AuditEvent event : events) {
                    if (type.isInstance(event) && matching.test(type.cast(event))) {
                        return type.cast(event);
                    }
                }
                if (nanos <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " event matched within 10 s; events: "
                            + events);
                }
                nanos = appended.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
    }
}
