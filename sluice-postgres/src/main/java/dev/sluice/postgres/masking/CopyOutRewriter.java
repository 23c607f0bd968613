package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Rewrites the CopyData ({@code 'd'}) of one {@code COPY … TO STDOUT}, between its CopyOutResponse and CopyDone, in
 * text, CSV or binary format.
 *
 * <p>PostgreSQL sends one row per CopyData, but the protocol does not promise it, so rows are found in the byte
 * stream: complete rows are masked and sent, and the start of a row that continues in the next message is held
 * back (in a buffer reused for the whole COPY) until it is complete. A row longer than the bound refuses the result
 * rather than buffering without limit. A CopyData that holds only complete, unchanged rows is passed as the same
 * frame; one that holds no complete row yields {@code null} (send nothing yet).
 */
public final class CopyOutRewriter {

    /** The default bound on one buffered row: 64 MiB. */
    public static final int DEFAULT_MAX_ROW_BYTES = 64 << 20;

    public static final char COPY_DATA = 'd';

    private static final int KEPT_BUFFER_BYTES = 64 << 10;

    private final CopyRows rows;
    private final boolean passesAll;
    private final int maxRowBytes;
    private final ByteSink pending = new ByteSink(1024);
    private final ByteSink out = new ByteSink(1024);

    private CopyOutRewriter(CopyRows rows, boolean passesAll, int maxRowBytes) {
        this.rows = rows;
        this.passesAll = passesAll;
        this.maxRowBytes = maxRowBytes;
    }

    /**
     * @param response    the COPY's CopyOutResponse (textual or binary, and the column count)
     * @param textFormat  for a textual COPY, text or CSV and their options (from the COPY statement); ignored for
     *                    binary
     * @param columns     the copied columns, e.g. {@link CopyOutResponse#columns}; types may be
     *                    {@link PgTypes#UNKNOWN_OID}, which makes binary values opaque (NULL under a rewrite or the
     *                    net)
     * @param actions     one per column
     * @param net         the content net, or {@code null}
     * @param maxRowBytes the largest row held back while it is incomplete
     * @throws ResultRefusedException when an action is {@link ColumnAction.Refuse} or the actions do not match
     */
    public static CopyOutRewriter create(CopyOutResponse response, CopyFormat textFormat, List<Column> columns,
                                         List<ColumnAction> actions, UnaryOperator<String> net,
                                         ValueContext context, int maxRowBytes) throws ResultRefusedException {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(textFormat, "textFormat");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(context, "context");
        if (maxRowBytes < 1) {
            throw new IllegalArgumentException("maxRowBytes must be positive");
        }
        if (columns.size() != response.columnFormats().size() || actions == null
                || actions.size() != columns.size()) {
            throw new ResultRefusedException("the masking decision does not match the COPY's "
                    + response.columnFormats().size() + " columns");
        }
        RowRewriter.refuseIfAsked(actions);
        ColumnMasker[] maskers = new ColumnMasker[columns.size()];
        boolean passes = true;
        for (int i = 0; i < maskers.length; i++) {
            Column column = columns.get(i).withFormat(response.binary() ? Column.BINARY : Column.TEXT);
            maskers[i] = ColumnMasker.compile(i, column, actions.get(i), net, false, context);
            passes &= maskers[i].passes();
        }
        CopyRows rows;
        if (response.binary()) {
            rows = new BinaryCopyRows(maskers);
        } else {
            rows = switch (textFormat) {
                case CopyFormat.Text text -> new TextCopyRows(maskers, text,
                        text.nullString().getBytes(context.charset()));
                case CopyFormat.Csv csv -> new CsvCopyRows(maskers, csv, csv.nullString().getBytes(context.charset()));
            };
        }
        return new CopyOutRewriter(rows, passes, maxRowBytes);
    }

    /** Whether every CopyData passes untouched (then it is not even parsed). */
    public boolean passesEverything() {
        return passesAll;
    }

    /**
     * @return what to send for this CopyData: the same frame, a new one, or {@code null} for nothing yet
     * @throws ResultRefusedException on a row over the bound, malformed data, or a failing mask function
     */
    public PgFrame rewrite(PgFrame copyData) throws ResultRefusedException {
        if (passesAll) {
            return copyData;
        }
        byte[] body = copyData.body();
        boolean direct = pending.size() == 0;
        byte[] buf;
        int end;
        if (direct) {
            buf = body;
            end = body.length;
        } else {
            pending.write(body);
            buf = pending.array();
            end = pending.size();
        }
        out.reset();
        boolean changed = false;
        int copiedUpTo = 0;
        int pos = 0;
        while (pos < end) {
            int rowEnd = rows.rowEnd(buf, pos, end);
            if (rowEnd < 0) {
                break;
            }
            if (rows.prepare(buf, pos, rowEnd)) {
                out.write(buf, copiedUpTo, pos - copiedUpTo);
                rows.write(buf, pos, rowEnd, out);
                copiedUpTo = rowEnd;
                changed = true;
            }
            pos = rowEnd;
        }
        PgFrame result;
        if (changed) {
            out.write(buf, copiedUpTo, pos - copiedUpTo);
            result = new PgFrame(copyData.type(), out.toByteArray());
        } else if (direct && pos == end) {
            result = copyData;
        } else if (pos == 0) {
            result = null;
        } else {
            result = new PgFrame(copyData.type(), Arrays.copyOfRange(buf, 0, pos));
        }
        int rest = end - pos;
        if (rest > maxRowBytes) {
            throw new ResultRefusedException("a COPY row is larger than the " + maxRowBytes
                    + " bytes the gateway buffers for masking");
        }
        if (direct) {
            pending.write(body, pos, rest);
        } else {
            pending.discardFront(pos);
        }
        out.reset();
        out.trimIfLarger(KEPT_BUFFER_BYTES);
        pending.trimIfLarger(KEPT_BUFFER_BYTES);
        return result;
    }

    /**
     * At CopyDone: the data must have ended at a row boundary.
     *
     * @throws ResultRefusedException when part of a row is still held back
     */
    public void finish() throws ResultRefusedException {
        if (pending.size() > 0) {
            pending.reset();
            throw new ResultRefusedException("the COPY data ended in the middle of a row");
        }
    }
}
