package dev.sluice.core.lineage;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where the values of one output column come from. Switch over it exhaustively.
 *
 * <p>The analysis over-approximates: a source that might feed a value is listed, never left out. What it cannot
 * establish is {@link Unknown}, which the caller treats as "could be anything" (fail closed).
 */
public sealed interface ColumnOrigin {

    /** The origin of a value that comes from no column. */
    ColumnOrigin CONSTANT = new Constant();

    /** Every source column whose values may flow into this output; empty for {@link Constant} and {@link Unknown}. */
    Set<SourceColumn> sources();

    /**
     * The value is a source column's value: selected directly, through aliases, derived tables, CTEs, or a cast
     * that keeps its text ({@code ::text}, {@code ::varchar}). The column's rule applies as it is.
     */
    record Direct(SourceColumn source) implements ColumnOrigin {
        public Direct {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public Set<SourceColumn> sources() {
            return Set.of(source);
        }
    }

    /**
     * The value is made from these columns' values; {@code how} says whether a column strategy can still apply.
     *
     * @param sources at least one column
     */
    record Derived(Set<SourceColumn> sources, Derivation how) implements ColumnOrigin {
        public Derived {
            sources = Collections.unmodifiableSet(new LinkedHashSet<>(sources));
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("a derived value has at least one source column");
            }
            Objects.requireNonNull(how, "how");
        }
    }

    /** No column's value flows into it: literals, parameters, {@code now()}, {@code count(*)}, {@code row_number()}. */
    record Constant() implements ColumnOrigin {
        @Override
        public Set<SourceColumn> sources() {
            return Set.of();
        }
    }

    /**
     * The analysis cannot tell where the value comes from (a function it does not know, a table whose columns it
     * does not know where that matters…).
     *
     * @param reason        why, in words safe to log (identifiers only, never a value)
     * @param spansColumns  true for an entry of {@link Lineage#columns()} that stands for an unknown number of
     *                      output columns (a {@code *} over a table whose columns are unknown): the positions of the
     *                      columns after it are then unknown too, which {@link Lineage#originsFor} accounts for
     */
    record Unknown(String reason, boolean spansColumns) implements ColumnOrigin {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }

        public Unknown(String reason) {
            this(reason, false);
        }

        @Override
        public Set<SourceColumn> sources() {
            return Set.of();
        }
    }
}
