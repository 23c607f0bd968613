package dev.sluice.postgres.session;

import dev.sluice.postgres.upstream.UpstreamConnection;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a session's two threads (and the listener, at shutdown) agree on its end: the first to call {@link #end} names
 * the reason and says its last words to the client; closing the client socket wakes whichever thread is blocked on
 * it. Later calls do not rename the reason, so a client thread that fails to read because the relay closed the
 * socket does not overwrite "upstream closed" with "client disconnected".
 */
final class SessionEnd {

    /** @param cause set only for gateway faults worth a stack trace */
    record Ending(EndReason reason, String detail, Throwable cause) {
        Ending {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private final ClientChannel client;
    private volatile UpstreamConnection upstream;

    SessionEnd(ClientChannel client) {
        this.client = client;
    }

    void upstream(UpstreamConnection connection) {
        this.upstream = connection;
    }

    /**
     * Ends the session: the first caller names the reason and says its last words; every caller closes the client
     * socket (and the upstream's, if asked), so a later, more urgent ending (shutdown) still takes effect.
     *
     * @param lastWords        an ErrorResponse to send the client first (best effort), or {@code null}
     * @param closeUpstreamNow close the upstream socket too: for callers other than the session thread, which could
     *                         otherwise stay blocked writing upstream. The session thread closes the upstream itself,
     *                         politely, on its way out.
     * @return whether this call named the reason
     */
    boolean end(EndReason reason, String detail, byte[] lastWords, boolean closeUpstreamNow, Throwable cause) {
        boolean first = ending.compareAndSet(null, new Ending(reason, detail, cause));
        if (first && lastWords != null) {
            client.sendLastWords(lastWords);
        }
        client.close();
        UpstreamConnection u = upstream;
        if (closeUpstreamNow && u != null) {
            try {
                u.socket().close();
            } catch (IOException ignored) {
                // abandoning it anyway
            }
        }
        return first;
    }

    /**
     * Names the reason without closing anything yet: the session is winding down (the client sent Terminate) and
     * the relay may still deliver answers the client is owed.
     */
    void claim(EndReason reason, String detail) {
        ending.compareAndSet(null, new Ending(reason, detail, null));
    }

    boolean end(EndReason reason, String detail, byte[] lastWords, boolean closeUpstreamNow) {
        return end(reason, detail, lastWords, closeUpstreamNow, null);
    }

    boolean isOver() {
        return ending.get() != null;
    }

    /** The ending, or {@code null} while the session runs. */
    Ending ending() {
        return ending.get();
    }
}
