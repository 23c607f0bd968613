package dev.sluice.postgres.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads whole frames from a stream with a hard upper bound on their size, so a hostile length prefix can't make
 * the gateway allocate gigabytes. Only frames; decoding the body is the message records' job.
 *
 * <p>It reads nothing ahead of the frame it returns, so the stream may be handed on afterwards. Over an
 * {@link ElasticInputStream} it can also tell whether the next frame is already buffered in full
 * ({@link #nextFrameBuffered()}), which is when a relay can keep coalescing its output.
 */
public final class FrameReader {

    private final InputStream in;
    private final ElasticInputStream elastic;
    private final int maxBodyBytes;

    /**
     * @param in           the stream; buffered, since the reader does small reads
     * @param maxBodyBytes the largest body accepted; larger frames fail with SQLSTATE 54000
     */
    public FrameReader(InputStream in, int maxBodyBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.elastic = in instanceof ElasticInputStream e ? e : null;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Reads a typed message ({@code type, int32 length, body}).
     *
     * @return the frame, or {@code null} on a clean end of stream before a type byte
     * @throws PgProtocolException for a bad length or a frame cut short
     */
    public PgFrame read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (type == 0) {
            throw PgProtocolException.violation("invalid message type 0x00");
        }
        return new PgFrame((byte) type, readBodyOfLength(readLength()));
    }

    /**
     * Reads an untyped startup-phase message ({@code int32 length, body}).
     *
     * @return the frame, or {@code null} on a clean end of stream before the length
     */
    public PgFrame readUntyped() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int rest = (first << 24) | readLengthTail();
        return new PgFrame(PgFrame.UNTYPED, readBodyOfLength(rest));
    }

    /**
     * Whether the next typed frame is already in the buffer, whole: reading it will not wait on the network. Always
     * {@code false} over a stream other than an {@link ElasticInputStream}.
     */
    public boolean nextFrameBuffered() {
        if (elastic == null) {
            return false;
        }
        int buffered = elastic.buffered();
        if (buffered < 5) {
            return false;
        }
        long length = ((long) elastic.peek(1) << 24) | (elastic.peek(2) << 16) | (elastic.peek(3) << 8)
                | elastic.peek(4);
        return buffered >= 1 + length;
    }

    private int readLength() throws IOException {
        int first = in.read();
        if (first < 0) {
            throw truncatedLength();
        }
        return (first << 24) | readLengthTail();
    }

    /** The three bytes of a length field after its first. */
    private int readLengthTail() throws IOException {
        int b2 = in.read();
        int b3 = in.read();
        int b4 = in.read();
        if ((b2 | b3 | b4) < 0) {
            throw truncatedLength();
        }
        return (b2 << 16) | (b3 << 8) | b4;
    }

    private static PgProtocolException truncatedLength() {
        return PgProtocolException.violation("message truncated in its length field");
    }

    private byte[] readBodyOfLength(int length) throws IOException {
        if (length < 4) {
            throw PgProtocolException.violation("invalid message length " + length);
        }
        int bodyLength = length - 4;
        if (bodyLength > maxBodyBytes) {
            throw new PgProtocolException("54000",
                    "message of " + bodyLength + " bytes exceeds the gateway's limit of " + maxBodyBytes + " bytes");
        }
        byte[] body = new byte[bodyLength];
        int read = 0;
        while (read < bodyLength) {
            int n = in.read(body, read, bodyLength - read);
            if (n < 0) {
                throw PgProtocolException.violation("message truncated: expected " + bodyLength + " body bytes");
            }
            read += n;
        }
        return body;
    }
}
