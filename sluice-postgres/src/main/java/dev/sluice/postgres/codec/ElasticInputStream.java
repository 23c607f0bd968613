package dev.sluice.postgres.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Buffered input whose buffer follows the traffic: it starts small, doubles while reads fill it (a result set is
 * streaming in), and halves again once reads come back small, down to the minimum. A thousand idle sessions thus
 * hold a thousand small buffers, while a large result is still read in large chunks.
 *
 * <p>Unlike {@link java.io.BufferedInputStream} it never asks the socket how much is waiting (each
 * {@code available()} is an {@code ioctl}), takes no lock (one thread reads), and says how many bytes it already
 * holds ({@link #buffered()}, a subtraction), which is what the relays' flush decisions need. A read larger than the
 * buffer goes straight to the stream beneath, so a large message body is not copied twice.
 */
public final class ElasticInputStream extends InputStream {

    /** Enough for a short command and its answer (a pgbench transaction is under 200 bytes each way). */
    public static final int DEFAULT_MIN_BYTES = 1024;
    /** Large results are read in chunks of this size. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024;

    private final InputStream in;
    private final int minBytes;
    private final int maxBytes;
    private byte[] buf;
    private int pos;
    private int count;

    public ElasticInputStream(InputStream in) {
        this(in, DEFAULT_MIN_BYTES, DEFAULT_MAX_BYTES);
    }

    /**
     * @param minBytes the smallest (and first) buffer
     * @param maxBytes the largest buffer it grows to; larger reads bypass the buffer
     */
    public ElasticInputStream(InputStream in, int minBytes, int maxBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (minBytes < 8 || maxBytes < minBytes) {
            throw new IllegalArgumentException("need 8 <= minBytes <= maxBytes");
        }
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
        this.buf = new byte[minBytes];
    }

    /** Bytes already read from the stream beneath and not yet consumed. */
    public int buffered() {
        return count - pos;
    }

    /** The buffered byte at {@code offset} from the read position; {@code offset < buffered()}. */
    int peek(int offset) {
        return buf[pos + offset] & 0xFF;
    }

    /** Current buffer size (for tests and diagnostics). */
    int capacity() {
        return buf.length;
    }

    @Override
    public int read() throws IOException {
        if (pos == count && fill() <= 0) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /** Returns what is buffered, or else makes one read of the stream beneath; never waits for more. */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int available = count - pos;
        if (available == 0) {
            if (len >= buf.length) {
                return in.read(b, off, len); // larger than the buffer: no copy through it
            }
            if (fill() <= 0) {
                return -1;
            }
            available = count - pos;
        }
        int n = Math.min(available, len);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        int available = count - pos;
        if (available > 0) {
            int skipped = (int) Math.min(available, n);
            pos += skipped;
            return skipped;
        }
        return in.skip(n);
    }

    /** Buffered bytes plus what the stream beneath says it has (for a socket, a system call). */
    @Override
    public int available() throws IOException {
        int buffered = count - pos;
        int beneath = in.available();
        return buffered > Integer.MAX_VALUE - beneath ? Integer.MAX_VALUE : buffered + beneath;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * One read into the (empty) buffer, resized first from how full the previous read left it: a full read means
     * more is probably waiting, a read under a quarter of the buffer that the traffic has quietened.
     */
    private int fill() throws IOException {
        resizeAfter(count);
        pos = 0;
        count = 0;
        int n = in.read(buf, 0, buf.length);
        if (n > 0) {
            count = n;
        }
        return n;
    }

    private void resizeAfter(int lastRead) {
        int size = buf.length;
        if (lastRead == size && size < maxBytes) {
            buf = new byte[Math.min(maxBytes, size * 2)];
        } else if (lastRead < size / 4 && size > minBytes) {
            buf = new byte[Math.max(minBytes, size / 2)];
        }
    }
}
