package dev.sluice.app.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Whether a load balancer should send new clients here: the gateway says it can serve, and it is not draining.
 * Draining is one-way: once shutdown has begun the gateway never becomes ready again.
 *
 * <p>Probes arrive every few seconds, so only a change of state is logged, not every answer.
 */
final class Readiness {

    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    /** What {@code /readyz} reports. */
    enum State {
        READY, NOT_READY, DRAINING
    }

    private final BooleanSupplier ready;
    private final AtomicReference<State> lastReported = new AtomicReference<>();
    private volatile boolean draining;

    Readiness(BooleanSupplier ready) {
        this.ready = Objects.requireNonNull(ready, "ready");
    }

    void markDraining() {
        draining = true;
    }

    boolean draining() {
        return draining;
    }

    State state() {
        State now;
        String failure = null;
        if (draining) {
            now = State.DRAINING;
        } else {
            try {
                now = ready.getAsBoolean() ? State.READY : State.NOT_READY;
            } catch (RuntimeException e) {
                now = State.NOT_READY;
                failure = e.getClass().getName(); // only the type: a driver's message may name hosts or users
            }
        }
        State before = lastReported.getAndSet(now);
        if (before != now) {
            if (failure != null) {
                log.warn("readiness: {} (the readiness check failed with {})", now, failure);
            } else {
                log.info("readiness: {}", now);
            }
        }
        return now;
    }
}
