package dev.sluice.core.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand; with a tick, every reading also moves it on by that much, so a waiter's deadline passes
 * after a few readings however fast the machine is.
 */
final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final Duration tick;

    TestClock(Instant start, Duration tick) {
        this.now = new AtomicReference<>(start);
        this.tick = tick;
    }

    TestClock(Instant start) {
        this(start, Duration.ZERO);
    }

    void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(tick));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
