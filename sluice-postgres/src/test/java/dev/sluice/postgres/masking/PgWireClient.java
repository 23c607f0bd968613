package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.WireWriter;
import dev.sluice.postgres.codec.frontend.Bind;
import dev.sluice.postgres.codec.frontend.Execute;
import dev.sluice.postgres.codec.frontend.Parse;
import dev.sluice.postgres.codec.frontend.Query;
import dev.sluice.postgres.codec.frontend.StartupMessage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A protocol-level client straight to PostgreSQL (trust authentication), to capture the exact messages it sends. */
final class PgWireClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final FrameReader frames;

    PgWireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        frames = new FrameReader(new BufferedInputStream(socket.getInputStream()), 1 << 26);
        send(StartupMessage.of(Map.of("user", "postgres", "database", "postgres")).encode());
        untilReady();
    }

    void send(byte[]... messages) throws IOException {
        for (byte[] message : messages) {
            out.write(message);
        }
        out.flush();
    }

    /** Every message up to and including ReadyForQuery. */
    List<PgFrame> untilReady() throws IOException {
        List<PgFrame> seen = new ArrayList<>();
        while (true) {
            PgFrame frame = frames.read();
            if (frame == null) {
                throw new IOException("connection closed");
            }
            seen.add(frame);
            if (frame.typeChar() == 'Z') {
                return seen;
            }
        }
    }

    List<PgFrame> simpleQuery(String sql) throws IOException {
        send(new Query(sql).encode());
        return untilReady();
    }

    /** Parse, Bind (all results in the given format), Describe portal, Execute, Sync. */
    List<PgFrame> extendedQuery(String sql, int resultFormat, boolean describePortal) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        messages.add(new Parse("", sql, List.of()).encode());
        messages.add(new Bind("", "", List.of(), List.of(), List.of(resultFormat)).encode());
        if (describePortal) {
            messages.add(WireWriter.message('D').int8('P').cstring("").toBytes());
        }
        messages.add(new Execute("", 0).encode());
        messages.add(WireWriter.message('S').toBytes());
        send(messages.toArray(byte[][]::new));
        return untilReady();
    }

    @Override
    public void close() throws IOException {
        try {
            send(WireWriter.message('X').toBytes());
        } finally {
            socket.close();
        }
    }
}
