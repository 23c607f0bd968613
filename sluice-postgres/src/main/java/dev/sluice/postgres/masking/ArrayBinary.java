package dev.sluice.postgres.masking;

/**
 * Arrays in binary ({@code array_send}): int32 ndim, int32 flags (1 when any element is NULL), int32 element type
 * OID, then per dimension int32 size and int32 lower bound, then each element in row-major order as int32 length
 * ({@code -1} for NULL) and that many bytes of the element type's binary form.
 */
final class ArrayBinary {

    /** Where each element lies in the buffer it was read from; a length of -1 is NULL. */
    record Parsed(int elementOid, ArrayShape shape, int[] offsets, int[] lengths) {
    }

    private ArrayBinary() {
    }

    static Parsed parse(byte[] buf, int off, int len) throws ValueFormatException {
        int end = off + len;
        if (len < 12) {
            throw new ValueFormatException("array value too short");
        }
        int ndim = Bytes.int32(buf, off);
        int flags = Bytes.int32(buf, off + 4);
        int elementOid = Bytes.int32(buf, off + 8);
        if (ndim < 0 || ndim > ArrayShape.MAX_DIMENSIONS || (flags & ~1) != 0) {
            throw new ValueFormatException("invalid array header");
        }
        int pos = off + 12;
        if (end - pos < ndim * 8L) {
            throw new ValueFormatException("array value too short");
        }
        int[] dims = new int[ndim];
        int[] lower = new int[ndim];
        long count = ndim == 0 ? 0 : 1;
        for (int d = 0; d < ndim; d++) {
            dims[d] = Bytes.int32(buf, pos);
            lower[d] = Bytes.int32(buf, pos + 4);
            pos += 8;
            if (dims[d] < 0) {
                throw new ValueFormatException("invalid array dimension");
            }
            count *= dims[d];
            if (count * 4 > end - pos) {
                throw new ValueFormatException("array declares more elements than it holds");
            }
        }
        int n = (int) count;
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            if (end - pos < 4) {
                throw new ValueFormatException("array value too short");
            }
            int elementLength = Bytes.int32(buf, pos);
            pos += 4;
            if (elementLength < -1 || elementLength > end - pos) {
                throw new ValueFormatException("invalid array element length");
            }
            offsets[i] = pos;
            lengths[i] = elementLength;
            if (elementLength > 0) {
                pos += elementLength;
            }
        }
        if (pos != end) {
            throw new ValueFormatException("trailing bytes after array elements");
        }
        ArrayShape shape = ndim == 0 ? ArrayShape.EMPTY : new ArrayShape(dims, lower);
        return new Parsed(elementOid, shape, offsets, lengths);
    }

    /** An array of the given element type; {@code null} elements are NULL. */
    static byte[] build(int elementOid, ArrayShape shape, byte[][] elements) {
        int ndim = shape.dims().length;
        int size = 12 + 8 * ndim;
        boolean hasNull = false;
        for (byte[] element : elements) {
            size += 4 + (element == null ? 0 : element.length);
            hasNull |= element == null;
        }
        byte[] out = new byte[size];
        Bytes.putInt32(out, 0, ndim);
        Bytes.putInt32(out, 4, hasNull ? 1 : 0);
        Bytes.putInt32(out, 8, elementOid);
        int pos = 12;
        for (int d = 0; d < ndim; d++) {
            Bytes.putInt32(out, pos, shape.dims()[d]);
            Bytes.putInt32(out, pos + 4, shape.lowerBounds()[d]);
            pos += 8;
        }
        for (byte[] element : elements) {
            if (element == null) {
                Bytes.putInt32(out, pos, -1);
                pos += 4;
            } else {
                Bytes.putInt32(out, pos, element.length);
                System.arraycopy(element, 0, out, pos + 4, element.length);
                pos += 4 + element.length;
            }
        }
        return out;
    }
}
