package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.ElasticInputStream;
import dev.sluice.postgres.codec.ElasticOutputStream;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.PgProtocolException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's side of a session: framed reads, and buffered writes that both session threads share under one lock.
 * Writes are not flushed one by one; the writer flushes when it has nothing more to send right away (the relay
 * checks whether the upstream's next message is already buffered), so a result set leaves in large packets.
 *
 * <p>Both directions use elastic buffers ({@link ElasticInputStream}, {@link ElasticOutputStream}): an idle session
 * holds two small buffers, a busy one grows them for as long as it streams.
 */
final class ClientChannel implements AutoCloseable {

    /** PostgreSQL's own limit on a startup packet. */
    static final int STARTUP_MAX_BYTES = 10_000;

    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final String address;
    /** The TCP socket, closed directly at the end: closing a TLS socket could block on its close_notify. */
    private final Socket plain;
    private volatile Socket socket;
    private ElasticInputStream in;
    private ElasticOutputStream out;
    private boolean tls;

    ClientChannel(Socket socket) throws IOException {
        this.address = describe(socket);
        this.plain = socket;
        attach(socket);
    }

    private void attach(Socket s) throws IOException {
        socket = s;
        in = new ElasticInputStream(s.getInputStream());
        out = new ElasticOutputStream(s.getOutputStream());
    }

    /** Remote address as {@code host:port}. */
    String address() {
        return address;
    }

    boolean isTls() {
        return tls;
    }

    /** A reader for typed messages up to {@code maxBodyBytes}; make a new one after {@link #startTls}. */
    FrameReader frames(int maxBodyBytes) {
        return new FrameReader(in, maxBodyBytes);
    }

    /** Reads a startup-phase message, or {@code null} when the client closed the connection. */
    PgFrame readStartup() throws IOException {
        try {
            return counted(new FrameReader(in, STARTUP_MAX_BYTES).readUntyped());
        } catch (PgProtocolException e) {
            // PostgreSQL's words; an HTTP request or a TLS ClientHello lands here
            throw PgProtocolException.violation("invalid startup packet: " + e.getMessage());
        }
    }

    /** Reads a typed message, or {@code null} when the client closed the connection. */
    PgFrame read(FrameReader frames) throws IOException {
        return counted(frames.read());
    }

    private PgFrame counted(PgFrame frame) {
        if (frame != null) {
            bytesIn.addAndGet(frame.wireSize());
        }
        return frame;
    }

    /**
     * Whether any byte is waiting, buffered or still in the socket. Before a TLS handshake, such bytes would be
     * plaintext smuggled in ahead of the encrypted session.
     */
    boolean hasAnyInput() throws IOException {
        return in.available() > 0;
    }

    /** Read timeout for the calls that follow; zero waits forever. */
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout(Math.toIntExact(Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /** Answers SSLRequest/GSSENCRequest with the single byte {@code 'S'} or {@code 'N'}. */
    void answerEncryptionRequest(boolean accepted) throws IOException {
        send(new byte[] {(byte) (accepted ? 'S' : 'N')});
    }

    /** Runs the server side of the TLS handshake on the connection; later reads and writes are encrypted. */
    void startTls(SSLContext context) throws IOException {
        SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        secure.setUseClientMode(false);
        secure.startHandshake();
        attach(secure);
        tls = true;
    }

    /** Queues one complete message for the client. */
    void write(byte[] message) throws IOException {
        writeLock.lock();
        try {
            out.write(message);
            bytesOut.addAndGet(message.length);
        } finally {
            writeLock.unlock();
        }
    }

    /** Queues a frame as received, optionally flushing after it. */
    void write(PgFrame frame, boolean flush) throws IOException {
        writeLock.lock();
        try {
            Frames.write(out, frame);
            bytesOut.addAndGet(frame.wireSize());
            if (flush) {
                out.flush();
            }
        } finally {
            writeLock.unlock();
        }
    }

    void flush() throws IOException {
        writeLock.lock();
        try {
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes and flushes one message. */
    void send(byte[] message) throws IOException {
        writeLock.lock();
        try {
            out.write(message);
            bytesOut.addAndGet(message.length);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Best-effort last words before a close: skipped when the other thread holds the lock for long (it may be stuck
     * writing to a client that does not read), so ending a session never waits on the client.
     */
    void sendLastWords(byte[] message) {
        try {
            if (!writeLock.tryLock(100, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            out.write(message);
            bytesOut.addAndGet(message.length);
            out.flush();
        } catch (IOException ignored) {
            // the client may already be gone; the socket is closed next either way
        } finally {
            writeLock.unlock();
        }
    }

    long bytesIn() {
        return bytesIn.get();
    }

    long bytesOut() {
        return bytesOut.get();
    }

    @Override
    public void close() {
        try {
            plain.close();
        } catch (IOException ignored) {
            // closing a connection we are done with
        }
    }

    private static String describe(Socket socket) {
        if (socket.getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        }
        return String.valueOf(socket.getRemoteSocketAddress());
    }
}
