package dev.sluice.postgres.masking;

/**
 * The dimensions and lower bounds of an array value; {@code dims.length == 0} is the empty array {@code {}}.
 * Elements are kept flat in row-major order, {@link #elementCount()} of them.
 */
record ArrayShape(int[] dims, int[] lowerBounds) {

    static final ArrayShape EMPTY = new ArrayShape(new int[0], new int[0]);
    /** PostgreSQL's MAXDIM. */
    static final int MAX_DIMENSIONS = 6;

    static ArrayShape oneDimensional(int length) {
        return length == 0 ? EMPTY : new ArrayShape(new int[] {length}, new int[] {1});
    }

    int elementCount() {
        if (dims.length == 0) {
            return 0;
        }
        long count = 1;
        for (int dim : dims) {
            count *= dim;
        }
        return (int) count;
    }

    boolean defaultBounds() {
        for (int bound : lowerBounds) {
            if (bound != 1) {
                return false;
            }
        }
        return true;
    }
}
