package dev.sluice.core.lineage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The source columns a statement filters, joins, groups, orders or deduplicates by, collected while walking it. */
final class Predicates {

    final Set<SourceColumn> columns = new LinkedHashSet<>();
    private String unknown;

    void add(ColumnOrigin origin) {
        if (origin instanceof ColumnOrigin.Unknown u) {
            unknown(u.reason());
        } else {
            columns.addAll(origin.sources());
        }
    }

    /** Every output column of a query (DISTINCT, a set operation that compares rows, ORDER BY a position). */
    void addAll(List<Slot> slots) {
        for (Slot slot : slots) {
            switch (slot) {
                case Slot.Named named -> add(named.origin());
                case Slot.Unordered unordered -> addAll(unordered.slots());
                case Slot.AnyColumnsOf any -> unknown("rows are compared on every column of " + any.table().label()
                        + ", whose columns are unknown");
                case Slot.Unnamed unnamed -> add(unnamed.origin());
            }
        }
    }

    void unknown(String reason) {
        if (unknown == null) {
            unknown = reason;
        }
    }

    Optional<String> unknown() {
        return Optional.ofNullable(unknown);
    }
}
