package dev.sluice.postgres.masking;

import java.util.Arrays;

/** A growable byte buffer kept for reuse (one per rewriter), unlike ByteArrayOutputStream without synchronisation. */
final class ByteSink {

    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, size, len);
        size += len;
    }

    void write(byte[] src) {
        write(src, 0, src.length);
    }

    void writeInt16(int v) {
        ensure(2);
        Bytes.putInt16(buf, size, v);
        size += 2;
    }

    void writeInt32(int v) {
        ensure(4);
        Bytes.putInt32(buf, size, v);
        size += 4;
    }

    /** Drops the first {@code n} bytes, keeping the rest at the start. */
    void discardFront(int n) {
        System.arraycopy(buf, n, buf, 0, size - n);
        size -= n;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Lets a buffer that grew for one huge row go, once it is empty again. */
    void trimIfLarger(int capacity) {
        if (size == 0 && buf.length > capacity) {
            buf = new byte[capacity];
        }
    }

    private void ensure(int extra) {
        long needed = (long) size + extra;
        if (needed > buf.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("buffer too large");
            }
            buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16)));
        }
    }
}
