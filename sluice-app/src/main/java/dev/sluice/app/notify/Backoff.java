package dev.sluice.app.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the next attempt: exponential ({@code first}, twice that, four times… up to {@code max}),
 * each delay spread by ±20% so that receivers recovering from an outage are not hit by every gateway at once. A
 * receiver's {@code Retry-After} wins when it asks for longer, up to {@code maxRetryAfter}.
 *
 * @param first         the delay after the first failed attempt
 * @param max           the largest exponential delay
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one is cut to this
 * @param random        uniform numbers in [0, 1), for the jitter
 */
record Backoff(Duration first, Duration max, Duration maxRetryAfter, DoubleSupplier random) {

    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5),
            () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());

    private static final double JITTER = 0.2;

    /**
     * @param failedAttempts attempts made so far, at least 1
     * @param retryAfter     what the receiver asked for, if anything
     */
    Duration delay(int failedAttempts, Optional<Duration> retryAfter) {
        long nominal = first.toMillis();
        for (int i = 1; i < failedAttempts && nominal < max.toMillis(); i++) {
            nominal *= 2;
        }
        nominal = Math.min(nominal, max.toMillis());
        double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        Duration exponential = Duration.ofMillis(Math.round(nominal * factor));
        Duration asked = retryAfter.map(d -> d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d).orElse(Duration.ZERO);
        return asked.compareTo(exponential) > 0 ? asked : exponential;
    }

    /**
     * Reads a {@code Retry-After} header: delay-seconds or an HTTP date. Anything unreadable or in the past is
     * ignored (empty).
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String text = value.strip();
        if (text.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
            return until.isNegative() ? Optional.empty() : Optional.of(until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
