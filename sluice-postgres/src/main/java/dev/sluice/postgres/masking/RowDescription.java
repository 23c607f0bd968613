package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.PgProtocolException;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A RowDescription ({@code 'T'}) read for masking: Int16 field count, then per field name (C string), Int32 table
 * OID, Int16 attribute number, Int32 type OID, Int16 type size, Int32 type modifier, Int16 format code. It remembers
 * where each field's type sits in the body so that {@link #retype} can announce a column as {@code text} without
 * re-encoding anything else (names stay byte for byte as the server sent them).
 */
public final class RowDescription {

    public static final char TYPE = 'T';

    private final PgFrame frame;
    private final List<Column> columns;
    private final int[] typeOffsets;

    private RowDescription(PgFrame frame, List<Column> columns, int[] typeOffsets) {
        this.frame = frame;
        this.columns = columns;
        this.typeOffsets = typeOffsets;
    }

    public static RowDescription decode(PgFrame frame, Charset charset) throws PgProtocolException {
        Objects.requireNonNull(frame, "frame");
        if (frame.typeChar() != TYPE) {
            throw PgProtocolException.violation("not a RowDescription: " + frame);
        }
        byte[] body = frame.body();
        if (body.length < 2) {
            throw PgProtocolException.violation("RowDescription truncated");
        }
        int count = Bytes.uint16(body, 0);
        if (count * 19L > body.length - 2) {
            throw PgProtocolException.violation("RowDescription declares " + count + " fields but is too short");
        }
        List<Column> columns = new ArrayList<>(count);
        int[] typeOffsets = new int[count];
        int pos = 2;
        for (int i = 0; i < count; i++) {
            int nameEnd = pos;
            while (nameEnd < body.length && body[nameEnd] != 0) {
                nameEnd++;
            }
            if (nameEnd + 19 > body.length) {
                throw PgProtocolException.violation("RowDescription truncated");
            }
            String name = new String(body, pos, nameEnd - pos, charset);
            pos = nameEnd + 1;
            int tableOid = Bytes.int32(body, pos);
            int attribute = Bytes.int16(body, pos + 4);
            typeOffsets[i] = pos + 6;
            int typeOid = Bytes.int32(body, pos + 6);
            int format = Bytes.int16(body, pos + 16);
            pos += 18;
            if (format != Column.TEXT && format != Column.BINARY) {
                throw PgProtocolException.violation("RowDescription has format code " + format);
            }
            columns.add(new Column(typeOid, format, name, tableOid, attribute));
        }
        if (pos != body.length) {
            throw PgProtocolException.violation("RowDescription has " + (body.length - pos) + " trailing bytes");
        }
        return new RowDescription(frame, List.copyOf(columns), typeOffsets);
    }

    public PgFrame frame() {
        return frame;
    }

    /** The columns with the formats this message states. */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The columns as an Execute will send them, given the result-format codes of the client's Bind: none means all
     * text, one applies to every column, otherwise one per column.
     *
     * @throws IllegalArgumentException when the codes cannot describe this many columns
     */
    public static List<Column> withResultFormats(List<Column> columns, List<Integer> resultFormats) {
        if (resultFormats.size() > 1 && resultFormats.size() != columns.size()) {
            throw new IllegalArgumentException(resultFormats.size() + " result formats for " + columns.size()
                    + " columns");
        }
        List<Column> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            int format = resultFormats.isEmpty() ? Column.TEXT
                    : resultFormats.get(resultFormats.size() == 1 ? 0 : i);
            out.add(columns.get(i).withFormat(format));
        }
        return out;
    }

    /**
     * Which columns should be announced to the client as {@code text} ({@code _text} for arrays): those rewritten by
     * a function whose output is not of the column's type, where the value can be read at all. Pass the result to
     * {@link #retype} and to {@link RowRewriter#create}.
     */
    public static boolean[] retypedToText(List<Column> columns, List<ColumnAction> actions) {
        boolean[] toText = new boolean[columns.size()];
        for (int i = 0; i < toText.length && i < actions.size(); i++) {
            toText[i] = actions.get(i) instanceof ColumnAction.Rewrite rewrite && !rewrite.keepsType()
                    && ColumnMasker.retypable(columns.get(i));
        }
        return toText;
    }

    /**
     * This RowDescription with the marked columns announced as {@code text} or {@code _text} (type size -1, type
     * modifier -1, format unchanged: a binary text value is its bytes). The same frame when nothing is marked.
     */
    public PgFrame retype(boolean[] toText) {
        byte[] body = null;
        for (int i = 0; i < toText.length && i < typeOffsets.length; i++) {
            if (!toText[i]) {
                continue;
            }
            if (body == null) {
                body = frame.body().clone();
            }
            int at = typeOffsets[i];
            Bytes.putInt32(body, at, ColumnMasker.announcedTypeOid(columns.get(i)));
            Bytes.putInt16(body, at + 4, -1);
            Bytes.putInt32(body, at + 6, -1);
        }
        return body == null ? frame : new PgFrame(frame.type(), body);
    }

    @Override
    public String toString() {
        return "RowDescription" + Arrays.toString(columns.toArray());
    }
}
