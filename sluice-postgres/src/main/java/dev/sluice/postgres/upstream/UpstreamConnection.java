package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Target;
import dev.sluice.postgres.codec.ElasticInputStream;
import dev.sluice.postgres.codec.ElasticOutputStream;
import dev.sluice.postgres.codec.WireWriter;
import dev.sluice.postgres.codec.backend.BackendKeyData;
import dev.sluice.postgres.codec.backend.ReadyForQuery;

import java.io.IOException;
import java.net.Socket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An authenticated upstream session, positioned right after the first ReadyForQuery: the next bytes on {@link #in()}
 * answer whatever the caller writes to {@link #out()}.
 *
 * <p>Streams are buffered; the caller flushes {@link #out()}. One thread reads and one writes, as in any relay.
 */
public final class UpstreamConnection implements AutoCloseable {

    private static final byte[] TERMINATE = WireWriter.message('X').toBytes();

    private final Target target;
    private final Socket socket;
    private final ElasticInputStream in;
    private final ElasticOutputStream out;
    private final Map<String, String> parameters;
    private final BackendKeyData backendKey;
    private final ReadyForQuery.TransactionStatus initialStatus;
    private final AtomicBoolean closed = new AtomicBoolean();

    UpstreamConnection(Target target, Socket socket, ElasticInputStream in, ElasticOutputStream out,
                       Map<String, String> parameters, BackendKeyData backendKey,
                       ReadyForQuery.TransactionStatus initialStatus) {
        this.target = Objects.requireNonNull(target, "target");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.backendKey = Objects.requireNonNull(backendKey, "backendKey");
        this.initialStatus = Objects.requireNonNull(initialStatus, "initialStatus");
    }

    /**
     * Buffered upstream input, positioned after the startup's ReadyForQuery: the same buffer the login read through,
     * so the relay takes over without a second layer of buffering.
     */
    public ElasticInputStream in() {
        return in;
    }

    /** Buffered upstream output; the caller flushes. */
    public ElasticOutputStream out() {
        return out;
    }

    /** The ParameterStatus values the server reported at startup, in the order it sent them. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** What a CancelRequest for this session must quote; see {@link UpstreamCanceller}. */
    public BackendKeyData backendKey() {
        return backendKey;
    }

    public ReadyForQuery.TransactionStatus initialStatus() {
        return initialStatus;
    }

    /** The {@code server_version} parameter, or an empty string if the server did not report one. */
    public String serverVersion() {
        return parameters.getOrDefault("server_version", "");
    }

    /** The target this connection was opened to (the canceller needs it). */
    public Target target() {
        return target;
    }

    public Socket socket() {
        return socket;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Sends Terminate ({@code 'X'}) best-effort, then closes the socket. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            out.write(TERMINATE);
            out.flush();
        } catch (IOException ignored) {
            // the server may already be gone; Terminate is a courtesy
        }
        UpstreamTransport.closeQuietly(socket);
    }

    @Override
    public String toString() {
        return "UpstreamConnection[" + target.address() + ", server_version=" + serverVersion() + ", pid="
                + backendKey.processId() + (closed.get() ? ", closed" : "") + "]";
    }
}
