package dev.sluice.app.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Delays double up to a bound, spread by jitter, and a receiver's Retry-After is honoured within reason. */
class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void delaysDoubleFromOneSecondUpToTheBound() {
        Backoff middle = withRandom(0.5);

        assertThat(middle.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(middle.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(middle.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(middle.delay(4, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
        assertThat(middle.delay(10, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(middle.delay(1000, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsEachDelayByAFifth() {
        assertThat(withRandom(0.0).delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(3200));
        assertThat(withRandom(0.999999).delay(3, Optional.empty())).isEqualTo(Duration.ofMillis(4800));
    }

    @Test
    void retryAfterWinsWhenLongerAndIsBounded() {
        Backoff middle = withRandom(0.5);

        assertThat(middle.delay(1, Optional.of(Duration.ofSeconds(20)))).isEqualTo(Duration.ofSeconds(20));
        assertThat(middle.delay(4, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(8));
        assertThat(middle.delay(1, Optional.of(Duration.ofHours(3)))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertThat(Backoff.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(Backoff.parseRetryAfter("Sun, 01 Mar 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(Backoff.parseRetryAfter("Sun, 01 Mar 2026 09:00:00 GMT", NOW)).isEmpty();
        assertThat(Backoff.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(Backoff.parseRetryAfter("-5", NOW)).isEmpty();
    }

    private static Backoff withRandom(double value) {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), () -> value);
    }
}
