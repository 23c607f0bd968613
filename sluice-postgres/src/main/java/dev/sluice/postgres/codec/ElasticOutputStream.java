package dev.sluice.postgres.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Buffered output whose buffer follows the traffic: it starts small, grows (up to a maximum) when a batch of
 * messages does not fit, and goes back to the minimum when a flush finds the batch small again. Nothing reaches the
 * stream beneath until {@link #flush()} or a full maximum-size buffer, so the caller decides how messages are
 * coalesced into writes; it takes no lock (callers serialise writes themselves).
 */
public final class ElasticOutputStream extends OutputStream {

    /** Enough for a short command or its answer; see {@link ElasticInputStream#DEFAULT_MIN_BYTES}. */
    public static final int DEFAULT_MIN_BYTES = 1024;
    /** Large results leave in writes of this size. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024;

    private final OutputStream out;
    private final int minBytes;
    private final int maxBytes;
    private byte[] buf;
    private int count;

    public ElasticOutputStream(OutputStream out) {
        this(out, DEFAULT_MIN_BYTES, DEFAULT_MAX_BYTES);
    }

    /**
     * @param minBytes the smallest (and first) buffer
     * @param maxBytes the largest buffer; a write that does not fit even then is written through
     */
    public ElasticOutputStream(OutputStream out, int minBytes, int maxBytes) {
        this.out = Objects.requireNonNull(out, "out");
        if (minBytes < 8 || maxBytes < minBytes) {
            throw new IllegalArgumentException("need 8 <= minBytes <= maxBytes");
        }
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.buf = new byte[minBytes];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            makeRoom(1);
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > buf.length - count) {
            makeRoom(len);
            if (len > buf.length - count) {
                out.write(b, off, len); // larger than the largest buffer, which makeRoom emptied: no copy
                return;
            }
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    /**
     * A message header: type byte and the length field for a body of {@code bodyLength} bytes, written into the
     * buffer without an intermediate array.
     */
    public void writeHeader(byte type, int bodyLength) throws IOException {
        if (buf.length - count < 5) {
            makeRoom(5);
        }
        int length = bodyLength + 4;
        byte[] b = buf;
        int c = count;
        b[c] = type;
        b[c + 1] = (byte) (length >>> 24);
        b[c + 2] = (byte) (length >>> 16);
        b[c + 3] = (byte) (length >>> 8);
        b[c + 4] = (byte) length;
        count = c + 5;
    }

    /** Bytes waiting for the next flush. */
    public int buffered() {
        return count;
    }

    /** Current buffer size (for tests and diagnostics). */
    int capacity() {
        return buf.length;
    }

    /** Writes the batch and flushes the stream beneath; a small batch returns a grown buffer to the minimum. */
    @Override
    public void flush() throws IOException {
        int batch = count;
        drain();
        out.flush();
        if (buf.length > minBytes && batch < buf.length / 4) {
            buf = new byte[minBytes];
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }

    /** Grows the buffer for {@code len} more bytes if the maximum allows, else writes out what it holds. */
    private void makeRoom(int len) throws IOException {
        long needed = (long) count + len;
        if (needed <= maxBytes) {
            int size = buf.length;
            while (size < needed) {
                size = Math.min(maxBytes, size * 2);
            }
            byte[] grown = new byte[size];
            System.arraycopy(buf, 0, grown, 0, count);
            buf = grown;
            return;
        }
        drain();
        if (len <= maxBytes && buf.length < len) {
            buf = new byte[Math.min(maxBytes, Math.max(len, buf.length * 2))];
        }
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }
}
