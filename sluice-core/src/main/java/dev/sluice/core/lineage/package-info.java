/**
 * Lineage: where each output column of a SQL statement comes from, for masking where the wire does not say
 * (expressions, functions, JSON and array builders), and which columns steer its rows, for the inference guard.
 *
 * <p>Entry point: {@link dev.sluice.core.lineage.LineageAnalyzer#analyze}. Result: a
 * {@link dev.sluice.core.lineage.Lineage} with one {@link dev.sluice.core.lineage.ColumnOrigin} per output column
 * ({@code Direct}, {@code Derived} with a {@link dev.sluice.core.lineage.Derivation}, {@code Constant},
 * {@code Unknown}) over {@link dev.sluice.core.lineage.SourceColumn}s, plus the predicate columns. Pure logic,
 * no I/O; over-approximates, never under-approximates.
 */
package dev.sluice.core.lineage;
