package dev.sluice.core.lineage;

import java.util.List;

/**
 * A table, CTE, subquery, function or VALUES list in a FROM clause, with the columns it provides.
 *
 * @param alias   the name it is referenced by (its alias, or the table's own name), or null when it has none
 * @param table   the database table, or null when it is not one (or is a CTE)
 * @param columns its columns, in order
 */
record Relation(String alias, TableRef table, List<Slot> columns) {

    Relation {
        columns = List.copyOf(columns);
    }

    /** Whether {@code schema.name} (schema null when not written) can refer to this relation. */
    boolean matches(String schema, String name) {
        if (schema == null) {
            return name.equals(alias);
        }
        return table != null && name.equals(table.name()) && (table.schema() == null || schema.equals(table.schema()));
    }

    String label() {
        return alias != null ? alias : table != null ? table.label() : "a subquery";
    }
}
