package dev.sluice.postgres.codec;

/**
 * The peer broke the PostgreSQL protocol: a malformed, truncated or oversized message, or one that is not
 * allowed at this point. The message is safe to show and log: it describes the fault, never message contents.
 */
public final class PgProtocolException extends java.io.IOException {

    private final String sqlState;

    public PgProtocolException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    /** {@code 08P01} (protocol_violation) for malformed input, {@code 54000} for oversized messages. */
    public String sqlState() {
        return sqlState;
    }

    public static PgProtocolException violation(String message) {
        return new PgProtocolException("08P01", message);
    }
}
