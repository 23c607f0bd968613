package dev.sluice.core.masking;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.policy.MaskPlan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, protocol-neutrally, how each output column of one result is masked: the policy's column rules applied to
 * where the column comes from, as the wire says (a table column the protocol resolved) or, for what the wire cannot
 * name (expressions), as SQL lineage says. Asked once per result shape, not per row; the protocol module carries the
 * answers out on every value and runs the content net over every text value whatever the answer.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>A column the wire resolved to a table column: {@link MaskingPolicy#lookup}.</li>
 *   <li>A column the wire resolved to a column of a view, materialised view or foreign table: the rule that names
 *       it, if any; otherwise its real source is hidden from the gateway, so it counts as of unknown lineage in a
 *       statement that touches protected data (rule 5).</li>
 *   <li>A column the wire cannot name, with SQL lineage: {@link Origin.Direct} → lookup; {@link Origin.Constant} →
 *       pass; {@link Origin.Derived} from protected sources → the sources' strategy when every protected source
 *       has the same one and it applies to the derived values (they are the sources' values unchanged, or the
 *       strategy applies to any text: {@link #appliesToTransformed}), else full redaction.</li>
 *   <li>Lineage that does not match the result (a different column count) is no lineage.</li>
 *   <li>{@link Origin.Unknown} or no lineage: when the statement touches protected data (or is not known), the
 *       policy's {@code on_unknown_lineage} decides (redact the column / refuse the result); otherwise pass.</li>
 * </ol>
 * Every column of every kind goes through these rules: under redaction a typed column becomes text (see
 * {@link ValueKind}).
 */
public final class ResultMasking {

    private ResultMasking() {
    }

    /** A source column: schema and table may be null when not known (an unqualified name). */
    public record Source(String schema, String table, String column) {
        public Source {
            Objects.requireNonNull(column, "column");
        }
    }

    /** What the wire says of an output column's origin. */
    public sealed interface WireSource {
        /** A plain table column, resolved through the catalog. */
        record TableColumn(Source source) implements WireSource {
            public TableColumn {
                Objects.requireNonNull(source, "source");
            }
        }

        /** A column of a relation whose own sources the gateway cannot see (view, materialised view, foreign table). */
        record Indirect(Source source) implements WireSource {
            public Indirect {
                Objects.requireNonNull(source, "source");
            }
        }

        /** Nothing: an expression, or a table column the gateway could not resolve. */
        record None() implements WireSource {
        }

        WireSource NONE = new None();
    }

    /**
     * One output column as the protocol describes it.
     *
     * @param name   the column's label (for messages)
     * @param wire   where the wire says it comes from
     * @param kind   the kind of its values
     */
    public record OutputColumn(String name, WireSource wire, ValueKind kind) {
        public OutputColumn {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(wire, "wire");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Where an output column comes from, per SQL lineage. */
    public sealed interface Origin {
        /** The value of one source column, unchanged (through aliases, subqueries, CTEs…). */
        record Direct(Source source) implements Origin {
        }

        /**
         * Computed from these source columns (functions, casts, concatenation, aggregates, JSON builders…).
         *
         * @param unchanged each value is one source's value as it is (a UNION branch, CASE, COALESCE), not a
         *                  transformation of it
         */
        record Derived(List<Source> sources, boolean unchanged) implements Origin {
            public Derived {
                sources = List.copyOf(sources);
            }

            public Derived(List<Source> sources) {
                this(sources, false);
            }
        }

        /** From no column at all (a literal, {@code now()}). */
        record Constant() implements Origin {
        }

        /** Lineage could not be established. */
        record Unknown() implements Origin {
        }
    }

    /**
     * SQL lineage: the origin of each of the {@code columnCount} output columns of a statement, in order; empty when
     * it cannot tell. A list of another length counts as no lineage.
     */
    @FunctionalInterface
    public interface SqlLineage {
        SqlLineage NONE = (statement, catalog, columnCount) -> Optional.empty();

        Optional<List<Origin>> outputs(SqlStatement statement, TableColumns catalog, int columnCount);
    }

    /** What happens to one output column. */
    public sealed interface ColumnDecision {
        ColumnDecision PASS = new Pass();

        /** The rules that fired, for the audit log. */
        List<ColumnRule> rules();

        /** Values leave as they are (the content net still reads text values). */
        record Pass() implements ColumnDecision {
            @Override
            public List<ColumnRule> rules() {
                return List.of();
            }
        }

        /**
         * Every value is masked by {@code strategy}.
         *
         * @param keepsType whether the strategy's output is a valid value of the column's kind
         */
        record Mask(MaskStrategy strategy, boolean keepsType, List<ColumnRule> rules) implements ColumnDecision {
            public Mask {
                Objects.requireNonNull(strategy, "strategy");
                rules = List.copyOf(rules);
            }
        }

        /** A JSON column masked at the places its rules name. */
        record MaskJson(ColumnMasking.JsonPaths paths) implements ColumnDecision {
            @Override
            public List<ColumnRule> rules() {
                return paths.rules();
            }
        }

        /** The result must not be sent at all. */
        record Refuse(String reason, List<ColumnRule> rules) implements ColumnDecision {
            public Refuse {
                Objects.requireNonNull(reason, "reason");
                rules = List.copyOf(rules);
            }
        }
    }

    /**
     * The decision for each column of a result.
     *
     * @param plan      the command's plan (policy; {@link MaskPlan#NONE} passes everything)
     * @param statement the statement the result answers, or null when not known
     * @param columns   the result's columns, in order
     * @param lineage   SQL lineage
     * @param catalog   what is known of the catalog (for {@code *} and for "touches protected data")
     */
    public static List<ColumnDecision> decide(MaskPlan plan, SqlStatement statement, List<OutputColumn> columns,
                                              SqlLineage lineage, TableColumns catalog) {
        MaskingPolicy policy = plan.policy();
        List<ColumnDecision> decisions = new ArrayList<>(columns.size());
        if (!plan.masksAnything() || !policy.protectsAnything()) {
            columns.forEach(c -> decisions.add(ColumnDecision.PASS));
            return decisions;
        }
        List<Origin> origins = null;
        boolean needsLineage = columns.stream().anyMatch(c -> c.wire() instanceof WireSource.None);
        if (needsLineage && statement != null) {
            origins = safeLineage(lineage, statement, catalog, columns.size())
                    .filter(list -> list.size() == columns.size())
                    .orElse(null);
        }
        Boolean touches = null;
        for (int i = 0; i < columns.size(); i++) {
            OutputColumn column = columns.get(i);
            ColumnDecision decision = switch (column.wire()) {
                case WireSource.TableColumn t -> fromLookup(policy, t.source(), column.kind());
                case WireSource.Indirect indirect -> {
                    ColumnMasking named = lookup(policy, indirect.source());
                    yield named instanceof ColumnMasking.Unprotected
                            ? unknown(policy, column, true)
                            : fromMasking(named, column.kind());
                }
                case WireSource.None none -> {
                    Origin origin = origins == null ? new Origin.Unknown() : origins.get(i);
                    if (origin instanceof Origin.Unknown) {
                        if (touches == null) {
                            // A function the lineage does not know may read any table (a user function returning
                            // p::text), so a statement that calls one counts as touching protected data.
                            touches = statement == null || !statement.functions().isEmpty()
                                    || policy.protectedData(catalog).touches(statement);
                        }
                        yield unknown(policy, column, touches);
                    }
                    yield fromOrigin(policy, origin, column.kind());
                }
            };
            decisions.add(decision);
        }
        return decisions;
    }

    /**
     * Whether a strategy still does its job on a value computed from a protected one ({@code upper(ssn)},
     * {@code ssn || ''}): only strategies that do not depend on the value's form. A partial mask of a reversed SSN
     * would show the digits it was meant to hide; a year of a text is no year.
     */
    public static boolean appliesToTransformed(MaskStrategy strategy) {
        return strategy instanceof Redact || strategy instanceof HmacToken || strategy instanceof NullValue;
    }

    private static Optional<List<Origin>> safeLineage(SqlLineage lineage, SqlStatement statement,
                                                      TableColumns catalog, int columnCount) {
        try {
            return lineage.outputs(statement, catalog, columnCount);
        } catch (RuntimeException e) {
            return Optional.empty(); // lineage that fails is no lineage: unknown, which fails closed
        }
    }

    private static ColumnDecision fromOrigin(MaskingPolicy policy, Origin origin, ValueKind kind) {
        return switch (origin) {
            case Origin.Direct direct -> fromLookup(policy, direct.source(), kind);
            case Origin.Constant constant -> ColumnDecision.PASS;
            case Origin.Derived derived -> derived(policy, derived.sources(), derived.unchanged(), kind);
            case Origin.Unknown unknown -> throw new IllegalStateException("handled by the caller");
        };
    }

    private static ColumnDecision derived(MaskingPolicy policy, List<Source> sources, boolean unchanged,
                                          ValueKind kind) {
        Set<MaskStrategy> strategies = new LinkedHashSet<>();
        List<ColumnRule> fired = new ArrayList<>();
        boolean transformable = true;
        for (Source source : sources) {
            ColumnMasking masking = lookup(policy, source);
            switch (masking) {
                case ColumnMasking.Unprotected u -> {
                }
                case ColumnMasking.Whole whole -> {
                    strategies.add(whole.strategy());
                    fired.add(whole.rule());
                    transformable &= unchanged || appliesToTransformed(whole.strategy());
                }
                case ColumnMasking.JsonPaths paths -> {
                    fired.addAll(paths.rules());
                    transformable = false; // a value taken out of the document no longer has its places
                }
            }
        }
        if (fired.isEmpty()) {
            return ColumnDecision.PASS;
        }
        MaskStrategy strategy = transformable && strategies.size() == 1 ? strategies.iterator().next()
                : Redact.DEFAULT;
        return new ColumnDecision.Mask(strategy, strategy.fits(kind), fired);
    }

    private static ColumnDecision unknown(MaskingPolicy policy, OutputColumn column, boolean touchesProtected) {
        if (!touchesProtected) {
            return ColumnDecision.PASS;
        }
        ColumnRule rule = MaskingPolicy.UNKNOWN_LINEAGE_RULE;
        return switch (policy.onUnknownLineage()) {
            case REDACT -> {
                ColumnMasking.Whole whole = (ColumnMasking.Whole) policy.unknownLineage();
                yield new ColumnDecision.Mask(whole.strategy(), whole.strategy().fits(column.kind()),
                        List.of(whole.rule()));
            }
            case DENY -> new ColumnDecision.Refuse("the source of output column \"" + column.name()
                    + "\" cannot be established, and the statement touches protected data (on_unknown_lineage: deny)",
                    List.of(rule));
        };
    }

    private static ColumnDecision fromLookup(MaskingPolicy policy, Source source, ValueKind kind) {
        return fromMasking(lookup(policy, source), kind);
    }

    private static ColumnMasking lookup(MaskingPolicy policy, Source source) {
        return policy.lookup(source.schema(), source.table(), source.column());
    }

    private static ColumnDecision fromMasking(ColumnMasking masking, ValueKind kind) {
        return switch (masking) {
            case ColumnMasking.Unprotected u -> ColumnDecision.PASS;
            case ColumnMasking.Whole whole ->
                    new ColumnDecision.Mask(whole.strategy(), whole.strategy().fits(kind), List.of(whole.rule()));
            case ColumnMasking.JsonPaths paths -> kind == ValueKind.JSON || kind == ValueKind.TEXT
                    ? new ColumnDecision.MaskJson(paths)
                    : new ColumnDecision.Mask(Redact.DEFAULT, Redact.DEFAULT.fits(kind), paths.rules());
        };
    }
}
