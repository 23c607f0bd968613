package dev.sluice.core.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-gateway bounds that keep one client (or one identity) from exhausting the gateway.
 *
 * @param maxSessions            sessions open at once across the gateway
 * @param maxSessionsPerIdentity sessions open at once for one identity subject
 * @param idleTimeout            a session with no client traffic for this long is closed; zero disables
 * @param statementTimeout       a command running longer is cancelled upstream; zero disables
 * @param maxMessageBytes        largest single protocol message accepted from a client
 */
public record SessionLimits(int maxSessions, int maxSessionsPerIdentity, Duration idleTimeout,
                            Duration statementTimeout, int maxMessageBytes) {

    public static final SessionLimits DEFAULTS =
            new SessionLimits(2000, 100, Duration.ofMinutes(30), Duration.ZERO, 64 * 1024 * 1024);

    public SessionLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (maxSessions < 1 || maxSessionsPerIdentity < 1) {
            throw new IllegalArgumentException("session limits must be at least 1");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
        if (idleTimeout.isNegative() || statementTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }
}
