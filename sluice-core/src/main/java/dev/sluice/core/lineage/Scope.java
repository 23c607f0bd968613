package dev.sluice.core.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The names one query level can see: its FROM relations (in order), the enclosing levels' for correlated
 * references, and the CTEs in scope. A FROM subquery that is not LATERAL sees the enclosing levels but not its
 * siblings: it gets the parent of the level it appears in.
 */
final class Scope {

    final Scope parent;
    final Ctes ctes;
    final List<Relation> relations = new ArrayList<>();
    /** What {@code *} expands to: the FROM clause's columns, with JOIN … USING/NATURAL merged. */
    List<Slot> star = new ArrayList<>();

    Scope(Scope parent, Ctes ctes) {
        this.parent = parent;
        this.ctes = ctes;
    }

    /** The CTEs visible at some point of a query: an immutable chain, innermost first. */
    static final class Ctes {

        static final Ctes NONE = new Ctes(null, null, null);

        private final Ctes outer;
        private final String name;
        private final List<Slot> columns;

        private Ctes(Ctes outer, String name, List<Slot> columns) {
            this.outer = outer;
            this.name = name;
            this.columns = columns;
        }

        Ctes with(String cteName, List<Slot> cteColumns) {
            return new Ctes(this, cteName, List.copyOf(cteColumns));
        }

        Optional<List<Slot>> find(String cteName) {
            for (Ctes c = this; c != null && c.name != null; c = c.outer) {
                if (c.name.equals(cteName)) {
                    return Optional.of(c.columns);
                }
            }
            return Optional.empty();
        }
    }
}
