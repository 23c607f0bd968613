package dev.sluice.postgres.masking;

import java.util.Objects;

/**
 * One column of a result as the masking decision and the rewriters need it: its type and the format its values
 * travel in, and — where RowDescription says — its name and source (table OID and attribute number, both 0 when
 * the column is not a plain table column), which is what lineage resolves through the catalog.
 *
 * <p>For a simple Query the format is RowDescription's. For an extended-protocol Execute it is what the client's
 * Bind asked for: a portal Describe reports it, a statement Describe reports 0 for every column, so the caller
 * supplies it ({@link RowDescription#withResultFormats}).
 *
 * @param typeOid     the column's type ({@link PgTypes#UNKNOWN_OID} when nobody said: COPY)
 * @param format      {@link #TEXT} or {@link #BINARY}
 * @param name        the column's label, empty when unknown
 * @param tableOid    the source table's OID, 0 if none or unknown
 * @param attributeNumber the source column's attribute number, 0 if none or unknown
 */
public record Column(int typeOid, int format, String name, int tableOid, int attributeNumber) {

    public static final int TEXT = 0;
    public static final int BINARY = 1;

    public Column {
        if (format != TEXT && format != BINARY) {
            throw new IllegalArgumentException("format code must be 0 (text) or 1 (binary), got " + format);
        }
        Objects.requireNonNull(name, "name");
    }

    /** A column known only by type and format (COPY, tests). */
    public Column(int typeOid, int format) {
        this(typeOid, format, "", 0, 0);
    }

    public static Column text(int typeOid) {
        return new Column(typeOid, TEXT);
    }

    public static Column binary(int typeOid) {
        return new Column(typeOid, BINARY);
    }

    public boolean binary() {
        return format == BINARY;
    }

    /** The same column travelling in another format. */
    public Column withFormat(int newFormat) {
        return newFormat == format ? this : new Column(typeOid, newFormat, name, tableOid, attributeNumber);
    }

    @Override
    public String toString() {
        return (name.isEmpty() ? "" : name + ":") + PgTypes.name(typeOid) + (binary() ? "/binary" : "/text");
    }
}
