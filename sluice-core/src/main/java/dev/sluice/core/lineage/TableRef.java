package dev.sluice.core.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A table in the database as a statement names it, with what the statement writes into it: the target of an
 * INSERT, UPDATE or DELETE whose RETURNING shows the values just written (which may come from other tables).
 *
 * @param schema    null when unqualified
 * @param name      the table's name
 * @param writes    column → the origin of the value written into it (only columns written from some source)
 * @param writesAny the origin of values that may have gone into any column (INSERT without a column list)
 */
record TableRef(String schema, String name, Map<String, ColumnOrigin> writes, ColumnOrigin writesAny) {

    TableRef {
        writes = Map.copyOf(writes);
    }

    static TableRef read(String schema, String name) {
        return new TableRef(schema, name, Map.of(), ColumnOrigin.CONSTANT);
    }

    /** Where the value of column {@code column} of this table comes from, as the statement sees it. */
    ColumnOrigin column(String column) {
        ColumnOrigin stored = new ColumnOrigin.Direct(new SourceColumn(schema, name, column));
        ColumnOrigin written = writes.get(column);
        if (written == null && writesAny instanceof ColumnOrigin.Constant) {
            return stored;
        }
        List<ColumnOrigin> parts = new ArrayList<>(3);
        parts.add(stored);
        if (written != null) {
            parts.add(written);
        }
        if (!(writesAny instanceof ColumnOrigin.Constant)) {
            parts.add(writesAny);
        }
        return Origins.oneOf(parts);
    }

    String label() {
        return schema == null ? name : schema + "." + name;
    }
}
