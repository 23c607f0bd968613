package dev.sluice.core.lineage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where the output columns of one statement come from, and which columns steer which rows it returns.
 *
 * <h2>Output columns</h2>
 * {@link #columns()} lists one origin per output column, in order, for the protocol side to match by position to
 * the result's columns (RowDescription fields). Two things can make a position uncertain:
 * <ul>
 *   <li>the whole statement: {@link #unknownReason()} is present (a statement that is not a query or has no
 *       RETURNING, one that did not parse, or an analysis that failed) and {@link #columns()} is empty;</li>
 *   <li>a {@code *} over a table whose columns the catalog does not know: its entry is one
 *       {@link ColumnOrigin.Unknown} with {@code spansColumns} set, standing for any number of columns.</li>
 * </ul>
 * Ask {@link #originsFor(int)} with the number of columns the result actually has: it answers one origin per
 * column in every case, {@link ColumnOrigin.Unknown} where the position cannot be matched (the columns before the
 * first spanning entry and after the last one still can), and all of them Unknown when the counts contradict the
 * analysis.
 *
 * <h2>Predicate columns</h2>
 * {@link #predicateColumns()}: source columns whose values decide which rows come back or in which order, without
 * necessarily being shown — WHERE, JOIN … ON/USING/NATURAL, GROUP BY, HAVING, ORDER BY, DISTINCT (every output
 * column) and DISTINCT ON, set operations that compare rows (UNION without ALL, INTERSECT, EXCEPT), window PARTITION
 * BY/ORDER BY, aggregate FILTER and ORDER BY, CASE conditions, at any depth (subqueries included), and the WHERE of
 * UPDATE and DELETE. {@link #unknownPredicates()} is present when some of them could not be established (e.g.
 * DISTINCT over a {@code *} of unknown columns, or a statement that was not analysed): the inference guard must
 * then assume any column of the statement's tables.
 *
 * @param unknownReason     present when no output column's origin is known
 * @param columns           the output columns' origins, in order; empty when {@code unknownReason} is present
 * @param predicateColumns  source columns used to filter, join, group, order or deduplicate
 * @param unknownPredicates present when {@code predicateColumns} may be incomplete, and why
 */
public record Lineage(Optional<String> unknownReason, List<ColumnOrigin> columns, Set<SourceColumn> predicateColumns,
                      Optional<String> unknownPredicates) {

    public Lineage {
        Objects.requireNonNull(unknownReason, "unknownReason");
        columns = List.copyOf(columns);
        predicateColumns = Collections.unmodifiableSet(new LinkedHashSet<>(predicateColumns));
        Objects.requireNonNull(unknownPredicates, "unknownPredicates");
        if (unknownReason.isPresent() && !columns.isEmpty()) {
            throw new IllegalArgumentException("a lineage unknown as a whole has no columns");
        }
    }

    /** A statement nothing is known about: every output column and the predicates are unknown. */
    public static Lineage unknown(String reason) {
        return new Lineage(Optional.of(reason), List.of(), Set.of(), Optional.of(reason));
    }

    /** Whether the output columns were analysed (they may still hold {@link ColumnOrigin.Unknown} entries). */
    public boolean known() {
        return unknownReason.isEmpty();
    }

    /** Whether the number of output columns is known: analysed, and no {@code *} over unknown columns. */
    public boolean columnCountKnown() {
        return known() && columns.stream().noneMatch(Lineage::spans);
    }

    /** The number of output columns, when {@link #columnCountKnown() known}. */
    public OptionalInt columnCount() {
        return columnCountKnown() ? OptionalInt.of(columns.size()) : OptionalInt.empty();
    }

    /**
     * One origin for each of the {@code count} columns the result has (never a spanning entry). A position the
     * analysis cannot match is {@link ColumnOrigin.Unknown}; if the analysis contradicts {@code count}, every
     * position is.
     */
    public List<ColumnOrigin> originsFor(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (unknownReason.isPresent()) {
            return repeat(new ColumnOrigin.Unknown(unknownReason.get()), count);
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (spans(columns.get(i))) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return columns.size() == count ? columns : repeat(new ColumnOrigin.Unknown("the analysis found "
                    + columns.size() + " output columns where the result has " + count), count);
        }
        int suffix = columns.size() - last - 1;
        if (first + suffix > count) {
            return repeat(new ColumnOrigin.Unknown("the analysis found at least " + (first + suffix)
                    + " output columns where the result has " + count), count);
        }
        ColumnOrigin.Unknown middle = new ColumnOrigin.Unknown(((ColumnOrigin.Unknown) columns.get(first)).reason());
        List<ColumnOrigin> origins = new ArrayList<>(count);
        origins.addAll(columns.subList(0, first));
        for (int i = first; i < count - suffix; i++) {
            origins.add(middle);
        }
        origins.addAll(columns.subList(last + 1, columns.size()));
        return List.copyOf(origins);
    }

    /** Every source column that may flow into some output column. */
    public Set<SourceColumn> outputSources() {
        Set<SourceColumn> sources = new LinkedHashSet<>();
        columns.forEach(origin -> sources.addAll(origin.sources()));
        return Collections.unmodifiableSet(sources);
    }

    private static boolean spans(ColumnOrigin origin) {
        return origin instanceof ColumnOrigin.Unknown unknown && unknown.spansColumns();
    }

    private static List<ColumnOrigin> repeat(ColumnOrigin origin, int count) {
        return Collections.nCopies(count, origin);
    }
}
