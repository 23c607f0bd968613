package dev.sluice.app.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning that is not configuration: fixed in production, small in tests.
 *
 * @param queueCapacity     notifications that may wait per webhook; more are dropped (and logged)
 * @param workersPerWebhook deliveries in progress at once per webhook
 * @param backoff           delays between attempts
 * @param clock             for {@code X-Sluice-Timestamp}
 * @param closeWait         how long {@code close()} waits for interrupted workers to finish
 */
record NotifierSettings(int queueCapacity, int workersPerWebhook, Backoff backoff, Clock clock, Duration closeWait) {

    static final NotifierSettings DEFAULTS = new NotifierSettings(1000, 4, Backoff.DEFAULT, Clock.systemUTC(),
            Duration.ofSeconds(2));

    NotifierSettings {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(closeWait, "closeWait");
        if (queueCapacity < 1 || workersPerWebhook < 1) {
            throw new IllegalArgumentException("queue capacity and workers must be at least 1");
        }
    }
}
