package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Target;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.ErrorFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what the upstream said during startup into an {@link UpstreamException} that is safe to show. */
final class UpstreamErrors {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrors.class);

    private UpstreamErrors() {
    }

    /**
     * An ErrorResponse during startup. Authentication failures (class 28) get a fixed sentence naming the user and
     * the code; other refusals (3D000 no such database, 53300 too many connections…) quote the server's primary
     * message, which at this stage never holds secrets or row values. For class 28 the server's own sentence (which
     * names the pg_hba.conf rule or the reason) goes to the operator log only: clients need not learn the gateway's
     * network details.
     */
    static UpstreamException startupRefused(Target target, Credentials credentials, ErrorFields error) {
        String sqlState = error.sqlState() == null ? "08004" : error.sqlState();
        if (sqlState.startsWith("28")) {
            log.warn("upstream {} refused login of user {}: {} ({})", target.address(), credentials.username(),
                    error.message(), sqlState);
            return new UpstreamException(sqlState, "upstream authentication failed for user \""
                    + credentials.username() + "\" (" + sqlState + ")");
        }
        String message = error.message() == null ? "no message" : error.message();
        return new UpstreamException(sqlState, "upstream " + target.address() + " refused the session: " + message
                + " (" + sqlState + ")");
    }

    static UpstreamException unexpected(Target target, PgFrame frame, String phase) {
        return new UpstreamException("08P01", "upstream " + target.address() + " sent unexpected message "
                + frame + " during " + phase);
    }
}
