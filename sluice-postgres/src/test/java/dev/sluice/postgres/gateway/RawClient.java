package dev.sluice.postgres.gateway;

import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.frontend.PasswordMessage;
import dev.sluice.postgres.codec.frontend.StartupMessage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PostgreSQL client at the byte level, for what real drivers never send. Every read has a 10 s socket timeout, so
 * a gateway that hangs fails the test with a timeout instead of hanging it.
 */
public final class RawClient implements AutoCloseable {

    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameReader frames;

    public RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        frames = new FrameReader(in, 1 << 24);
    }

    /** Startup as alice on the clinic connection, through to the first ReadyForQuery. */
    public static RawClient loggedIn(int port) throws IOException {
        RawClient client = new RawClient(port);
        client.send(StartupMessage.of(Map.of("user", "alice", "database", GatewayHarness.CONNECTION)).encode());
        PgFrame auth = client.read();
        if (auth == null || auth.typeChar() != 'R') {
            throw new IOException("expected an authentication request, got " + auth);
        }
        client.send(new PasswordMessage(TestIdentities.ALICE_TOKEN).encode());
        client.readUntil('Z');
        return client;
    }

    public void send(byte[]... messages) throws IOException {
        for (byte[] message : messages) {
            out.write(message);
        }
        out.flush();
    }

    /** The next typed frame, or {@code null} at end of stream. */
    public PgFrame read() throws IOException {
        return frames.read();
    }

    /** The single byte that answers SSLRequest/GSSENCRequest. */
    public int readByte() throws IOException {
        return in.read();
    }

    /** Frames up to and including the first of the given type (or up to the end of the stream). */
    public List<PgFrame> readUntil(char type) throws IOException {
        List<PgFrame> seen = new ArrayList<>();
        while (true) {
            PgFrame frame = read();
            if (frame == null) {
                return seen;
            }
            seen.add(frame);
            if (frame.typeChar() == type) {
                return seen;
            }
        }
    }

    /** Everything until the gateway closes the connection; fails with a timeout if it never does. */
    public List<PgFrame> readToEnd() throws IOException {
        List<PgFrame> seen = new ArrayList<>();
        try {
            PgFrame frame;
            while ((frame = read()) != null) {
                seen.add(frame);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway neither answered nor closed within " + READ_TIMEOUT_MILLIS
                    + " ms; frames so far: " + seen, e);
        } catch (IOException e) {
            // a reset after the last frame is a close too
        }
        return seen;
    }

    /** Reads and discards bytes until the gateway closes; fails with a timeout if it never does. */
    public void drainToClose() throws IOException {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway did not close the connection within " + READ_TIMEOUT_MILLIS
                    + " ms", e);
        } catch (IOException e) {
            // reset: closed
        }
    }

    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    public static ErrorFields error(PgFrame frame) throws IOException {
        if (frame.typeChar() != 'E') {
            throw new AssertionError("expected an ErrorResponse, got " + frame);
        }
        return ErrorFields.decode(frame.body());
    }

    /** The type characters of the frames, as a string ("12DCZ"): easy to compare with the expected flow. */
    public static String types(List<PgFrame> frames) {
        StringBuilder types = new StringBuilder();
        frames.forEach(f -> types.append(f.typeChar()));
        return types.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
