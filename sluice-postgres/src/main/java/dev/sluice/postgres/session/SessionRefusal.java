package dev.sluice.postgres.session;

/**
 * A session refused before it began. The message is what the client sees in its FATAL error; the reason is what the
 * audit log and the log line say, and may name more (the upstream's address, say) than the client hears.
 */
final class SessionRefusal extends Exception {

    private final String sqlState;
    private final String code;
    private final String reason;

    /**
     * @param sqlState SQLSTATE of the FATAL error
     * @param message  the client's sentence
     * @param code     the audit refusal code ({@code bad-credential}, {@code no-access}, {@code limit}…)
     * @param reason   the audit log's sentence
     */
    SessionRefusal(String sqlState, String message, String code, String reason) {
        super(message, null, false, false);
        this.sqlState = sqlState;
        this.code = code;
        this.reason = reason;
    }

    String sqlState() {
        return sqlState;
    }

    String code() {
        return code;
    }

    String reason() {
        return reason;
    }
}
