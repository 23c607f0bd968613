package dev.sluice.postgres.upstream;

import java.util.Objects;

/**
 * The gateway could not open (or keep) its session with the real PostgreSQL server. Carries the SQLSTATE the client
 * should see: the upstream's own code when it refused us (28P01, 3D000, 53300…), {@code 08001} when it could not be
 * reached, {@code 08P01} when it broke the protocol.
 *
 * <p>Messages are safe to show to clients and write to logs: they name the target, the user and the failure, never
 * a password, a SCRAM proof or a cancel key.
 */
public final class UpstreamException extends Exception {

    private final String sqlState;

    public UpstreamException(String sqlState, String message) {
        this(sqlState, message, null);
    }

    public UpstreamException(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
    }

    public String sqlState() {
        return sqlState;
    }
}
