package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A fake upstream for one connection: it accepts, hands the client's bytes to a script and writes what the script
 * says. Used only for misbehaviour a real PostgreSQL never shows (skipping SCRAM proof, odd answers).
 */
final class ScriptedUpstream implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void run(ScriptedUpstream peer, FrameReader in, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final Thread thread;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    final List<PgFrame> received = new CopyOnWriteArrayList<>();

    ScriptedUpstream(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                FrameReader in = new FrameReader(new BufferedInputStream(socket.getInputStream()), 1 << 20);
                script.run(this, in, socket.getOutputStream());
                done.complete(null);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
    }

    Target target(TlsMode tls) {
        return new Target("127.0.0.1", server.getLocalPort(), "clinic", tls, Optional.empty());
    }

    /** Reads an untyped startup-phase frame and remembers it. */
    PgFrame readStartup(FrameReader in) throws IOException {
        PgFrame frame = in.readUntyped();
        received.add(frame);
        return frame;
    }

    /** Reads a typed frame and remembers it. */
    PgFrame read(FrameReader in) throws IOException {
        PgFrame frame = in.read();
        if (frame != null) {
            received.add(frame);
        }
        return frame;
    }

    /** Waits for the script to finish and rethrows what went wrong in it. */
    void awaitScript() throws Exception {
        done.get(10, TimeUnit.SECONDS);
    }

    /** Stops listening and waits for the script thread, which ends once its socket closes. */
    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
