package dev.sluice.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How the audit log queues, groups and retries.
 *
 * @param queueCapacity  events that may wait for the writer; beyond this, producers feel back-pressure
 * @param maxGroupSize   most events written in one transaction
 * @param enqueueWait    how long {@code submit}/{@code append} wait for room in a full queue; a submitted event
 *                       that still finds no room is counted lost (and logged), an appended one fails
 * @param appendTimeout  how long {@code append} waits for its group to commit
 * @param maxRetries     how many times a submitted event's write is retried after the first failure
 * @param retryBackoff   the wait before the first retry, doubled for each further one
 * @param groupLinger    how long the writer waits for more events before committing a group that only holds
 *                       submitted events (nobody waits for those); zero writes every group at once. An
 *                       {@code append} is never held: it ends the wait.
 */
public record AuditLogSettings(int queueCapacity, int maxGroupSize, Duration enqueueWait, Duration appendTimeout,
                               int maxRetries, Duration retryBackoff, Duration groupLinger) {

    public AuditLogSettings {
        Objects.requireNonNull(enqueueWait, "enqueueWait");
        Objects.requireNonNull(appendTimeout, "appendTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(groupLinger, "groupLinger");
        if (queueCapacity < 1 || maxGroupSize < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("queueCapacity and maxGroupSize must be positive, maxRetries not negative");
        }
    }

    /**
     * 10 000 queued, groups of up to 500, 2 s back-pressure, 30 s append timeout, 4 retries from 250 ms, and a
     * 2 ms linger.
     *
     * <p>Why linger: a commit costs the same for one event as for fifty (SQLite writes and syncs a few pages per
     * transaction), and at a single busy client every event would otherwise be its own transaction: measured at
     * ~160 µs of writer CPU per event, more than the gateway spends relaying the statement. Submitted events are
     * already written after the response is released; 2 ms more in memory does not change what a crash can lose
     * in kind, only by a few events.
     */
    public static AuditLogSettings defaults() {
        return new AuditLogSettings(10_000, 500, Duration.ofSeconds(2), Duration.ofSeconds(30), 4,
                Duration.ofMillis(250), Duration.ofMillis(2));
    }

    /** The wait before retry number {@code attempt} (1-based), doubling up to 8 times the base. */
    Duration backoff(int attempt) {
        return retryBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 3));
    }
}
