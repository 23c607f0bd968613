package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Rewrites the DataRows ({@code 'D'}: Int16 column count, then per column Int32 length, -1 for NULL, and the value
 * bytes) of one result according to each column's {@link ColumnAction} and the content net.
 *
 * <p>One row at a time: a row that needs no change is returned as the same frame (no copy); a changed row is
 * written once into a body of exactly its new size, unchanged values copied straight across. Scratch arrays are
 * sized by the column count and reused from row to row, so memory follows the row, never the result. Not
 * thread-safe: one rewriter per result, on the session's upstream thread.
 */
public final class RowRewriter {

    public static final char DATA_ROW = 'D';

    private final ColumnMasker[] maskers;
    private final boolean passesAll;
    private final boolean nullsAll;
    private final int[] offsets;
    private final int[] lengths;
    private final byte[][] replaced;

    private RowRewriter(ColumnMasker[] maskers, boolean nullsAll) {
        this.maskers = maskers;
        this.nullsAll = nullsAll;
        boolean passes = !nullsAll;
        for (ColumnMasker masker : maskers) {
            passes &= masker.passes();
        }
        this.passesAll = passes;
        this.offsets = new int[maskers.length];
        this.lengths = new int[maskers.length];
        this.replaced = new byte[maskers.length][];
    }

    /** A rewriter for a result whose column types were not announced as text (see the other overload). */
    public static RowRewriter create(List<Column> columns, List<ColumnAction> actions, UnaryOperator<String> net,
                                     ValueContext context) throws ResultRefusedException {
        return create(columns, actions, net, context, new boolean[columns.size()]);
    }

    /**
     * @param columns       the result's columns, with the formats the rows really use
     * @param actions       one per column
     * @param net           the content net for text-like values, or {@code null} for none
     * @param retypedToText which columns the client was told are {@code text} ({@link RowDescription#retypedToText}
     *                      and {@link RowDescription#retype}); a non-type-keeping rewrite of any other column is NULL
     * @throws ResultRefusedException when an action is {@link ColumnAction.Refuse}, or the actions do not match the
     *                                columns
     */
    public static RowRewriter create(List<Column> columns, List<ColumnAction> actions, UnaryOperator<String> net,
                                     ValueContext context, boolean[] retypedToText) throws ResultRefusedException {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(context, "context");
        if (actions == null || actions.size() != columns.size()) {
            throw new ResultRefusedException("the masking decision does not match the result's "
                    + columns.size() + " columns");
        }
        refuseIfAsked(actions);
        ColumnMasker[] maskers = new ColumnMasker[columns.size()];
        for (int i = 0; i < maskers.length; i++) {
            ColumnAction action = Objects.requireNonNull(actions.get(i), "action");
            boolean retyped = i < retypedToText.length && retypedToText[i];
            maskers[i] = ColumnMasker.compile(i, columns.get(i), action, net, retyped, context);
        }
        return new RowRewriter(maskers, false);
    }

    /**
     * For a result whose columns nobody described (an extended-protocol Execute without a RowDescription in the
     * stream): every value of every row becomes NULL, whatever the column count. Fail closed.
     */
    public static RowRewriter nullingEverything() {
        return new RowRewriter(new ColumnMasker[0], true);
    }

    static void refuseIfAsked(List<ColumnAction> actions) throws ResultRefusedException {
        for (ColumnAction action : actions) {
            if (action instanceof ColumnAction.Refuse refuse) {
                throw new ResultRefusedException(refuse.reason());
            }
        }
    }

    /** Whether every row passes untouched (then {@link #rewrite} returns its argument without reading it). */
    public boolean passesEverything() {
        return passesAll;
    }

    /**
     * The row to send: the same frame when nothing changed.
     *
     * @throws ResultRefusedException when the row is malformed or does not have the result's column count, or a mask
     *                                function failed
     */
    public PgFrame rewrite(PgFrame dataRow) throws ResultRefusedException {
        if (passesAll) {
            return dataRow;
        }
        if (dataRow.typeChar() != DATA_ROW) {
            throw new IllegalArgumentException("not a DataRow: " + dataRow);
        }
        if (nullsAll) {
            return nullEverything(dataRow);
        }
        byte[] body = dataRow.body();
        if (body.length < 2) {
            throw malformed();
        }
        int count = Bytes.uint16(body, 0);
        if (count != maskers.length) {
            throw new ResultRefusedException("a row has " + count + " columns where " + maskers.length
                    + " were described");
        }
        int pos = 2;
        boolean changed = false;
        long newSize = 2;
        try {
            for (int i = 0; i < count; i++) {
                if (body.length - pos < 4) {
                    throw malformed();
                }
                int length = Bytes.int32(body, pos);
                pos += 4;
                if (length < -1 || length > body.length - pos) {
                    throw malformed();
                }
                offsets[i] = pos;
                lengths[i] = length;
                byte[] replacement = ColumnMasker.UNCHANGED;
                if (length >= 0) {
                    ColumnMasker masker = maskers[i];
                    if (!masker.passes()) {
                        replacement = masker.apply(body, pos, length);
                    }
                    pos += length;
                }
                replaced[i] = replacement;
                if (replacement == ColumnMasker.UNCHANGED) {
                    newSize += 4 + Math.max(length, 0);
                } else {
                    changed = true;
                    newSize += 4 + (replacement == null ? 0 : replacement.length);
                }
            }
            if (pos != body.length) {
                throw malformed();
            }
            if (!changed) {
                return dataRow;
            }
            if (newSize > Integer.MAX_VALUE - 16) {
                throw new ResultRefusedException("a masked row would be too large");
            }
            return new PgFrame(dataRow.type(), assemble(body, count, (int) newSize));
        } finally {
            Arrays.fill(replaced, null); // do not keep a row's values alive past the row
        }
    }

    /** The new body: runs of unchanged fields copied in one go, replaced fields written with their new length. */
    private byte[] assemble(byte[] body, int count, int size) {
        byte[] out = new byte[size];
        out[0] = body[0];
        out[1] = body[1];
        int o = 2;
        int runStart = 2; // start (length prefix included) of the pending unchanged run in body
        for (int i = 0; i < count; i++) {
            byte[] replacement = replaced[i];
            int fieldStart = offsets[i] - 4;
            int fieldEnd = offsets[i] + Math.max(lengths[i], 0);
            if (replacement == ColumnMasker.UNCHANGED) {
                continue;
            }
            int run = fieldStart - runStart;
            System.arraycopy(body, runStart, out, o, run);
            o += run;
            if (replacement == null) {
                Bytes.putInt32(out, o, -1);
                o += 4;
            } else {
                Bytes.putInt32(out, o, replacement.length);
                System.arraycopy(replacement, 0, out, o + 4, replacement.length);
                o += 4 + replacement.length;
            }
            runStart = fieldEnd;
        }
        System.arraycopy(body, runStart, out, o, body.length - runStart);
        return out;
    }

    private static PgFrame nullEverything(PgFrame dataRow) throws ResultRefusedException {
        byte[] body = dataRow.body();
        if (body.length < 2) {
            throw malformed();
        }
        int count = Bytes.uint16(body, 0);
        boolean allNull = body.length == 2 + 4L * count;
        for (int i = 0; allNull && i < count; i++) {
            allNull = Bytes.int32(body, 2 + 4 * i) == -1;
        }
        if (allNull) {
            return dataRow;
        }
        byte[] out = new byte[2 + 4 * count];
        out[0] = body[0];
        out[1] = body[1];
        Arrays.fill(out, 2, out.length, (byte) 0xFF);
        return new PgFrame(dataRow.type(), out);
    }

    private static ResultRefusedException malformed() {
        return new ResultRefusedException("the server sent a malformed row");
    }
}
