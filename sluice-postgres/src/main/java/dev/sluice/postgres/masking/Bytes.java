package dev.sluice.postgres.masking;

/** Big-endian reads and writes on byte arrays, as the wire formats need them. */
final class Bytes {

    private Bytes() {
    }

    static int uint16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int int16(byte[] b, int off) {
        return (short) uint16(b, off);
    }

    static int int32(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static long int64(byte[] b, int off) {
        return ((long) int32(b, off) << 32) | (int32(b, off + 4) & 0xFFFFFFFFL);
    }

    static void putInt16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void putInt32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void putInt64(byte[] b, int off, long v) {
        putInt32(b, off, (int) (v >>> 32));
        putInt32(b, off + 4, (int) v);
    }

    static boolean regionEquals(byte[] a, int aOff, int aLen, byte[] b) {
        if (aLen != b.length) {
            return false;
        }
        for (int i = 0; i < aLen; i++) {
            if (a[aOff + i] != b[i]) {
                return false;
            }
        }
        return true;
    }
}
