package dev.sluice.core.lineage;

import java.util.List;

/**
 * One or more output columns of a query or columns of a table in scope, in order. Most are {@link Named}; the
 * others stand for columns the analysis cannot list one by one.
 */
sealed interface Slot {

    /** One column. */
    record Named(String name, ColumnOrigin origin) implements Slot {
    }

    /** Every column of a table whose columns the catalog does not know: any number, any name. */
    record AnyColumnsOf(TableRef table) implements Slot {
    }

    /** Any number of columns of unknown names, each of this origin (an opaque one: {@link ColumnOrigin.Unknown}). */
    record Unnamed(String reason, ColumnOrigin origin) implements Slot {
    }

    /**
     * These columns, in an order the analysis does not know (a NATURAL JOIN over unknown columns, a catalog that
     * gives no order).
     */
    record Unordered(String reason, List<Slot> slots) implements Slot {
        public Unordered {
            slots = List.copyOf(slots);
        }
    }
}
