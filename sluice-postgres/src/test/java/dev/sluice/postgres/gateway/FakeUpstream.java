package dev.sluice.postgres.gateway;

import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.backend.Authentication;
import dev.sluice.postgres.codec.backend.BackendKeyData;
import dev.sluice.postgres.codec.backend.ParameterStatus;
import dev.sluice.postgres.codec.backend.ReadyForQuery;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A PostgreSQL server that misbehaves on purpose, for what a real one never does (vanish without a FATAL, answer
 * out of turn). It logs every connection in with trust authentication, then runs the script.
 */
final class FakeUpstream implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void run(FrameReader in, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    FakeUpstream(Script script) throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    Thread.ofVirtual().start(() -> serve(socket, script));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void serve(Socket socket, Script script) {
        try (socket) {
            FrameReader in = new FrameReader(new BufferedInputStream(socket.getInputStream()), 1 << 20);
            OutputStream out = socket.getOutputStream();
            in.readUntyped();
            out.write(Authentication.Ok.INSTANCE.encode());
            for (String[] p : new String[][] {{"server_version", "17.0"}, {"client_encoding", "UTF8"},
                    {"DateStyle", "ISO, MDY"}, {"integer_datetimes", "on"}, {"standard_conforming_strings", "on"}}) {
                out.write(new ParameterStatus(p[0], p[1]).encode());
            }
            out.write(new BackendKeyData(99, 1234).encode());
            out.write(ReadyForQuery.IDLE.encode());
            out.flush();
            script.run(in, out);
        } catch (IOException ignored) {
            // the gateway hung up; that is the fake's whole life
        }
    }

    Target target() {
        return new Target("127.0.0.1", server.getLocalPort(), "fake", TlsMode.DISABLE, Optional.empty());
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
