package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.ErrorResponse;

/**
 * The errors the gateway itself says to a client, as ready-to-send ErrorResponse bytes. Every text here is safe to
 * show: it names gateway facts, never a credential, an upstream address or a row value.
 */
final class PgErrors {

    static final String FATAL = "FATAL";
    static final String ERROR = "ERROR";

    private PgErrors() {
    }

    static byte[] fatal(String sqlState, String message) {
        return ErrorFields.of(FATAL, sqlState, message).encode(ErrorResponse.TYPE);
    }

    static byte[] upstreamLost() {
        return fatal("08006", "SLUICE-UPSTREAM: upstream connection lost");
    }

    static byte[] idleTimeout(java.time.Duration idle) {
        return fatal("57P05", "terminating connection due to idle-session timeout (SLUICE: no activity for "
                + describe(idle) + ")");
    }

    static byte[] shuttingDown() {
        return fatal("57P01", "terminating connection because the Sluice gateway is shutting down");
    }

    static byte[] killed(String reason) {
        return fatal("57P01", "terminating connection due to administrator command (SLUICE: " + reason + ")");
    }

    static byte[] conversationLost() {
        return fatal("08P01", "SLUICE: the gateway lost track of the upstream conversation and closed the session");
    }

    static byte[] internalError() {
        return fatal("XX000", "SLUICE: internal gateway error; the session was closed");
    }

    static String describe(java.time.Duration d) {
        if (d.toMillis() % 60_000 == 0 && d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
