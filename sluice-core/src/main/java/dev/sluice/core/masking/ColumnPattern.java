package dev.sluice.core.masking;

import java.util.Objects;

/**
 * Which columns a rule names: {@code schema.table.column}, each part a glob ({@code *} any run, {@code ?} one
 * character), compared ignoring case: {@code *.patients.ssn}, {@code public.*.email}, {@code *.*.dob}. A shorter
 * pattern leaves the outer parts open: {@code patients.ssn} is {@code *.patients.ssn} and {@code ssn} is
 * {@code *.*.ssn}. A name part cannot contain a dot.
 */
public final class ColumnPattern {

    private final String text;
    private final Glob schema;
    private final Glob table;
    private final Glob column;

    private ColumnPattern(String text, Glob schema, Glob table, Glob column) {
        this.text = text;
        this.schema = schema;
        this.table = table;
        this.column = column;
    }

    /**
     * @throws IllegalArgumentException for an empty pattern, an empty part or more than three parts; the message
     *                                  says what is wrong and can be shown to the user
     */
    public static ColumnPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String[] parts = pattern.strip().split("\\.", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("'" + pattern + "' has more than three parts: write schema.table.column");
        }
        for (String part : parts) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("'" + pattern + "' has an empty part: write schema.table.column, "
                        + "with * for any name");
            }
            if (part.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("'" + pattern + "' contains a space: write schema.table.column");
            }
        }
        Glob any = new Glob("*");
        Glob column = new Glob(parts[parts.length - 1]);
        Glob table = parts.length >= 2 ? new Glob(parts[parts.length - 2]) : any;
        Glob schema = parts.length == 3 ? new Glob(parts[0]) : any;
        return new ColumnPattern(schema + "." + table + "." + column, schema, table, column);
    }

    /**
     * Whether the column matches; a null {@code schema} or {@code table} is unknown and matches any (a table the
     * statement left unqualified may be in any schema of the search path: the safe answer is "it may be protected").
     */
    public boolean matches(String schema, String table, String column) {
        return (schema == null || this.schema.matches(schema))
                && (table == null || this.table.matches(table))
                && this.column.matches(column);
    }

    /** Whether some column of the table may match: the table part matches, whatever the column. */
    public boolean mayMatchTable(String schema, String table) {
        return (schema == null || this.schema.matches(schema)) && (table == null || this.table.matches(table));
    }

    /** Whether the table part names every table ({@code *.*.dob}): then only a catalog can tell which tables hold it. */
    boolean anyTable() {
        return table.matchesAnything();
    }

    boolean matchesColumn(String column) {
        return this.column.matches(column);
    }

    /** The pattern in its full, lower-case form ({@code *.patients.ssn}). */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnPattern other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
