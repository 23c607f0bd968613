package dev.sluice.postgres.masking;

/**
 * The row layout of one COPY format: where a row ends in a stream of CopyData bytes, and how its fields are read and
 * written. {@link #prepare} decides a row's fate (its per-field scratch kept until {@link #write}), so a row that
 * does not change is never copied.
 */
sealed interface CopyRows permits TextCopyRows, CsvCopyRows, BinaryCopyRows {

    /**
     * @return the index just past the complete row (or header/trailer) starting at {@code pos}, or -1 when
     *         {@code buf[pos, end)} holds only the start of one
     */
    int rowEnd(byte[] buf, int pos, int end) throws ResultRefusedException;

    /** Masks the row's fields; {@code true} when the row changes (then {@link #write} must follow). */
    boolean prepare(byte[] buf, int start, int end) throws ResultRefusedException;

    /** Writes the row {@link #prepare} changed. */
    void write(byte[] buf, int start, int end, ByteSink out);
}
