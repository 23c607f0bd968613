package dev.sluice.postgres.masking;

/**
 * COPY's binary format: the header ({@code PGCOPY\n\377\r\n\0}, Int32 flags, Int32 extension length and the
 * extension), then tuples (Int16 field count, per field Int32 length, -1 for NULL, and the value in the column
 * type's binary form), then the trailer (a field count of -1). Data after the trailer, a header with the OID flag or
 * an unknown critical flag, or a tuple of the wrong width refuses the result.
 */
final class BinaryCopyRows implements CopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int HEADER_FIXED = SIGNATURE.length + 8;
    private static final int FLAG_OIDS = 1 << 16;
    private static final int CRITICAL_FLAGS = 0xFFFF;

    private enum State { HEADER, TUPLES, DONE }

    private final ColumnMasker[] maskers;
    private final int[] offsets;
    private final int[] lengths;
    private final byte[][] replaced;
    private State state = State.HEADER;

    BinaryCopyRows(ColumnMasker[] maskers) {
        this.maskers = maskers;
        this.offsets = new int[maskers.length];
        this.lengths = new int[maskers.length];
        this.replaced = new byte[maskers.length][];
    }

    @Override
    public int rowEnd(byte[] buf, int pos, int end) throws ResultRefusedException {
        int available = end - pos;
        switch (state) {
            case HEADER -> {
                for (int i = 0; i < Math.min(available, SIGNATURE.length); i++) {
                    if (buf[pos + i] != SIGNATURE[i]) {
                        throw new ResultRefusedException("the binary COPY data has no valid header");
                    }
                }
                if (available < HEADER_FIXED) {
                    return -1;
                }
                int extension = Bytes.int32(buf, pos + SIGNATURE.length + 4);
                if (extension < 0) {
                    throw new ResultRefusedException("the binary COPY header is malformed");
                }
                return available - HEADER_FIXED < extension ? -1 : pos + HEADER_FIXED + extension;
            }
            case TUPLES -> {
                if (available < 2) {
                    return -1;
                }
                int count = Bytes.int16(buf, pos);
                if (count == -1) {
                    return pos + 2;
                }
                if (count != maskers.length) {
                    throw new ResultRefusedException("a binary COPY tuple does not have the " + maskers.length
                            + " columns announced");
                }
                int p = pos + 2;
                for (int i = 0; i < count; i++) {
                    if (end - p < 4) {
                        return -1;
                    }
                    int length = Bytes.int32(buf, p);
                    p += 4;
                    if (length < -1) {
                        throw new ResultRefusedException("a binary COPY field has an invalid length");
                    }
                    if (length > 0) {
                        if (end - p < length) {
                            return -1;
                        }
                        p += length;
                    }
                }
                return p;
            }
            default -> throw new ResultRefusedException("the server sent COPY data after the binary trailer");
        }
    }

    @Override
    public boolean prepare(byte[] buf, int start, int end) throws ResultRefusedException {
        if (state == State.HEADER) {
            int flags = Bytes.int32(buf, start + SIGNATURE.length);
            if ((flags & FLAG_OIDS) != 0 || (flags & CRITICAL_FLAGS) != 0) {
                throw new ResultRefusedException("the binary COPY header has flags the gateway cannot read");
            }
            state = State.TUPLES;
            return false;
        }
        int count = Bytes.int16(buf, start);
        if (count == -1) {
            state = State.DONE;
            return false;
        }
        int p = start + 2;
        boolean changed = false;
        for (int i = 0; i < count; i++) {
            int length = Bytes.int32(buf, p);
            p += 4;
            offsets[i] = p;
            lengths[i] = length;
            byte[] result = ColumnMasker.UNCHANGED;
            if (length >= 0) {
                ColumnMasker masker = maskers[i];
                if (!masker.passes()) {
                    result = masker.apply(buf, p, length);
                }
                p += length;
            }
            replaced[i] = result;
            changed |= result != ColumnMasker.UNCHANGED;
        }
        return changed;
    }

    @Override
    public void write(byte[] buf, int start, int end, ByteSink out) {
        out.writeInt16(maskers.length);
        for (int i = 0; i < maskers.length; i++) {
            byte[] r = replaced[i];
            if (r == ColumnMasker.UNCHANGED) {
                out.write(buf, offsets[i] - 4, 4 + Math.max(lengths[i], 0));
            } else if (r == null) {
                out.writeInt32(-1);
            } else {
                out.writeInt32(r.length);
                out.write(r);
            }
            replaced[i] = null;
        }
    }
}
