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
 */
public record AuditLogSettings(int queueCapacity, int maxGroupSize, Duration enqueueWait, Duration appendTimeout,
                               int maxRetries, Duration retryBackoff) {

    public AuditLogSettings {
        Objects.requireNonNull(enqueueWait, "enqueueWait");
        Objects.requireNonNull(appendTimeout, "appendTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (queueCapacity < 1 || maxGroupSize < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("queueCapacity and maxGroupSize must be positive, maxRetries not negative");
        }
    }

    /** 10 000 queued, groups of up to 500, 2 s back-pressure, 30 s append timeout, 4 retries from 250 ms. */
    public static AuditLogSettings defaults() {
        return new AuditLogSettings(10_000, 500, Duration.ofSeconds(2), Duration.ofSeconds(30), 4,
                Duration.ofMillis(250));
    }

    /** The wait before retry number {@code attempt} (1-based), doubling up to 8 times the base. */
    Duration backoff(int attempt) {
        return retryBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 3));
    }
}
