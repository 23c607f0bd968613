package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Target;
import dev.sluice.postgres.codec.backend.BackendKeyData;
import dev.sluice.postgres.codec.frontend.CancelRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * Cancels the query an upstream session is running: a CancelRequest on a fresh connection, reached the same way as
 * the session itself (SSLRequest first when the target uses TLS).
 *
 * <p>Best-effort, as in PostgreSQL: the server answers nothing, and a failure is logged (target and cause only;
 * never the cancel key) rather than thrown, because the client that asked can do nothing about it.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS">Canceling
 *     Requests in Progress</a>
 */
public final class UpstreamCanceller {

    private static final Logger log = LoggerFactory.getLogger(UpstreamCanceller.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private UpstreamCanceller() {
    }

    /**
     * Sends the CancelRequest and waits until the server closes the connection, which it does once it has processed
     * the request.
     *
     * @return whether the request was delivered
     */
    public static boolean cancel(Target target, BackendKeyData key) {
        try (Socket socket = UpstreamTransport.open(target, TIMEOUT, TIMEOUT)) {
            socket.setSoTimeout(Math.toIntExact(TIMEOUT.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(new CancelRequest(key.processId(), key.secretKey()).encode());
            out.flush();
            awaitClose(socket.getInputStream());
            log.debug("cancel request sent to upstream {} for pid {}", target.address(), key.processId());
            return true;
        } catch (UpstreamException e) {
            log.warn("cancel request to upstream {} failed: {}", target.address(), e.getMessage());
            return false;
        } catch (IOException e) {
            log.warn("cancel request to upstream {} failed: {}", target.address(), UpstreamTransport.describe(e));
            return false;
        }
    }

    /**
     * The server sends nothing and closes once the request is processed; waiting for that makes "cancel returned"
     * mean "the server has seen it". Its close may be abrupt (no TLS close_notify), which is still a delivery.
     */
    private static void awaitClose(InputStream in) {
        try {
            while (in.read() >= 0) {
                // discard: a cancel connection carries no answer
            }
        } catch (IOException ignored) {
            // the request was flushed before; an unclean close does not undo it
        }
    }
}
