package dev.sluice.core.lineage;

import java.util.Objects;

/**
 * A column of a table in the database, as the statement names it: lower-case (quoted identifiers are folded too,
 * as {@link dev.sluice.core.sql.SqlAnalyzer} folds table names; masking rules compare ignoring case), with the
 * schema only when the statement qualifies the table. Pass the parts to
 * {@link dev.sluice.core.masking.MaskingPolicy#lookup} as they are: a null schema there means "any schema of the
 * search path".
 *
 * @param schema the schema, or null when the statement left the table unqualified
 * @param table  the table (or view) name
 * @param column the column name
 */
public record SourceColumn(String schema, String table, String column) {

    public SourceColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema + ".") + table + "." + column;
    }
}
