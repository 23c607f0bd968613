package dev.sluice.core.masking;

import dev.sluice.core.policy.ProtectedData;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a connection's policy masks, and how: column rules, the detectors' content net, what to do where the
 * gateway cannot see, who is exempt, and the guards. Immutable and thread-safe; shared by every session of the
 * connections the policy is bound to.
 *
 * <h2>Column rules</h2>
 * The protocol side resolves each output column to its source column (from the wire's table OID and attribute
 * number, or from SQL lineage) and calls {@link #lookup} once per column of a result, not per row. Rules are
 * tried in order (a configuration's own rules before its preset's); the first rule that names the column decides:
 * <ul>
 *   <li>a whole-column rule masks every value ({@link ColumnMasking.Whole});</li>
 *   <li>a rule with a JSON path makes the column a JSON column, masked at the places of every rule with a JSON
 *       path that names it ({@link ColumnMasking.JsonPaths}); whole-column rules further down are then ignored for
 *       it, so a configuration can narrow a preset's whole-column rule to a few places inside the document.</li>
 * </ul>
 * A source whose schema (or table) is unknown is passed as null and matches any: an unqualified table may be in any
 * schema of the search path. Answers are cached, so repeated lookups cost one map access.
 *
 * <h2>Beyond column rules</h2>
 * {@link #detectors()} run over every text value that leaves, lineage or not. {@link #onUnknownLineage()} says what
 * happens to an output column of a statement that touches protected data when its source cannot be established;
 * {@link #onUndecodable()} what happens to a value a rule applies to that the gateway cannot decode. Members of an
 * {@link #exemptGroups() exempt group} see raw values (no column rules, no content net, no inference guard).
 */
public final class MaskingPolicy {

    /** An output column whose source is unknown, in a statement that touches protected data. */
    public enum OnUnknownLineage {
        /** Mask its values in full, as {@link #unknownLineage()} says (the column becomes text: {@link ValueKind}). */
        REDACT,
        /** Refuse the statement. */
        DENY
    }

    /** A value a rule applies to that the gateway cannot decode (binary format it cannot read, JSON that is not). */
    public enum OnUndecodable {
        /** Send NULL in its place. */
        NULL,
        /** Fail the statement with an error. */
        DENY
    }

    /**
     * The rule that fires for an output column of unknown source under {@code on_unknown_lineage: redact}: the
     * whole value becomes {@value Redact#DEFAULT_MARKER}. Named in the audit log as {@code on_unknown_lineage}.
     */
    public static final ColumnRule UNKNOWN_LINEAGE_RULE = new ColumnRule("on_unknown_lineage",
            ColumnPattern.parse("*.*.*"), Optional.empty(), Redact.DEFAULT);

    /** Masks nothing, detects nothing, guards nothing: what a connection without a masking policy gets. */
    public static final MaskingPolicy NONE = builder().detectors(DetectorSet.NONE).build();

    private static final int MAX_CACHED_LOOKUPS = 10_000;

    private final Optional<String> preset;
    private final List<ColumnRule> rules;
    private final DetectorSet detectors;
    private final OnUnknownLineage onUnknownLineage;
    private final OnUndecodable onUndecodable;
    private final Set<String> exemptGroups;
    private final Guards guards;
    private final List<dev.sluice.core.phi.CustomDetectorSpec> customDetectors;
    private final ConcurrentHashMap<ColumnKey, ColumnMasking> lookups = new ConcurrentHashMap<>();

    private MaskingPolicy(Builder builder) {
        this.preset = builder.preset;
        this.rules = List.copyOf(builder.rules);
        this.detectors = builder.detectors;
        this.onUnknownLineage = builder.onUnknownLineage;
        this.onUndecodable = builder.onUndecodable;
        this.exemptGroups = Set.copyOf(builder.exemptGroups);
        this.guards = builder.guards;
        this.customDetectors = List.copyOf(builder.customDetectors);
    }

    /**
     * A builder with the fail-closed defaults: no rules, every detector, {@code on_unknown_lineage: redact},
     * {@code on_undecodable: null}, nobody exempt, guards off.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this policy's settings, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.preset = preset;
        builder.rules.addAll(rules);
        builder.detectors = detectors;
        builder.onUnknownLineage = onUnknownLineage;
        builder.onUndecodable = onUndecodable;
        builder.exemptGroups = exemptGroups;
        builder.guards = guards;
        builder.customDetectors.addAll(customDetectors);
        return builder;
    }

    /**
     * How to mask an output column that comes from {@code schema.table.column}.
     *
     * @param schema the source schema, or null when not known
     * @param table  the source table, or null when not known
     * @param column the source column
     */
    public ColumnMasking lookup(String schema, String table, String column) {
        Objects.requireNonNull(column, "column");
        ColumnKey key = new ColumnKey(schema, table, column);
        ColumnMasking cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        ColumnMasking answer = decide(schema, table, column);
        if (lookups.size() >= MAX_CACHED_LOOKUPS) {
            lookups.clear(); // a catalog this large is rare; recomputing is cheap
        }
        lookups.put(key, answer);
        return answer;
    }

    private ColumnMasking decide(String schema, String table, String column) {
        List<ColumnRule> paths = new ArrayList<>();
        for (ColumnRule rule : rules) {
            if (!rule.columns().matches(schema, table, column)) {
                continue;
            }
            if (!rule.isWholeColumn()) {
                paths.add(rule);
            } else if (paths.isEmpty()) {
                return new ColumnMasking.Whole(rule);
            }
        }
        return paths.isEmpty() ? ColumnMasking.UNPROTECTED : new ColumnMasking.JsonPaths(paths);
    }

    /**
     * How to mask an output column whose source cannot be established, in a statement that
     * {@link #protectedData() touches protected data}, under {@code on_unknown_lineage: redact}: in full. (Under
     * {@code deny} the statement is refused instead; the content net runs over every text value either way.)
     */
    public ColumnMasking unknownLineage() {
        return new ColumnMasking.Whole(UNKNOWN_LINEAGE_RULE);
    }

    /** Whether any column rule exists. */
    public boolean protectsAnything() {
        return !rules.isEmpty();
    }

    /**
     * Whether the table may hold a protected column: a rule names the table and, when {@code catalog} knows the
     * table's columns, one of them. Unknown columns count as protected.
     *
     * @param schema null when the statement left the table unqualified (any schema)
     */
    public boolean mayHoldProtectedColumns(String schema, String table, TableColumns catalog) {
        Optional<Set<String>> columns = Optional.empty();
        boolean catalogAsked = false;
        for (ColumnRule rule : rules) {
            if (!rule.columns().mayMatchTable(schema, table)) {
                continue;
            }
            if (!catalogAsked) {
                columns = catalog.columns(schema, table);
                catalogAsked = true;
            }
            if (columns.isEmpty() || columns.get().stream().anyMatch(rule.columns()::matchesColumn)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a statement touches protected data, for policy rules; the catalog is not known (see {@link TableColumns}). */
    public ProtectedData protectedData() {
        return protectedData(TableColumns.UNKNOWN);
    }

    /** Whether a statement touches protected data, for policy rules, with what {@code catalog} knows of columns. */
    public ProtectedData protectedData(TableColumns catalog) {
        return new ProtectedTables(this, catalog);
    }

    /** Whether someone in {@code groups} sees raw values. */
    /**
     * Whether anything a member of {@code groups} receives must be looked at: the policy protects columns or runs
     * detectors, and the groups are not exempt. The one question a protocol module asks before it masks a session.
     */
    public boolean appliesTo(Collection<String> groups) {
        return this != NONE && !exempts(groups) && (protectsAnything() || !detectors.isEmpty());
    }

    public boolean exempts(Collection<String> groups) {
        for (String group : groups) {
            if (exemptGroups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    /** The guards for someone in {@code groups}: an exempt member has no inference guard (see {@link Guards#forExempt}). */
    public Guards guardsFor(Collection<String> groups) {
        return exempts(groups) ? guards.forExempt() : guards;
    }

    /** Whether a rule uses a keyed strategy, so the policy needs a {@link MaskingKey}. */
    public boolean usesKey() {
        return rules.stream().anyMatch(r -> r.strategy() instanceof HmacToken || r.strategy() instanceof Pseudonym);
    }

    /** The preset this policy started from, if any ({@code phi-strict}). */
    public Optional<String> preset() {
        return preset;
    }

    public List<ColumnRule> rules() {
        return rules;
    }

    /** The deployment's own detectors ({@code masking.custom_detectors}); they run when {@link #detectors()} names them or is {@code all}. */
    public List<dev.sluice.core.phi.CustomDetectorSpec> customDetectors() {
        return customDetectors;
    }

    public DetectorSet detectors() {
        return detectors;
    }

    public OnUnknownLineage onUnknownLineage() {
        return onUnknownLineage;
    }

    public OnUndecodable onUndecodable() {
        return onUndecodable;
    }

    public Set<String> exemptGroups() {
        return exemptGroups;
    }

    public Guards guards() {
        return guards;
    }

    /** Names the preset and counts; no key, no marker. */
    @Override
    public String toString() {
        return "MaskingPolicy[preset=" + preset.orElse("none") + ", rules=" + rules.size() + ", detectors="
                + (detectors.all() ? "all" : detectors.names()) + ", onUnknownLineage=" + onUnknownLineage
                + ", onUndecodable=" + onUndecodable + ", exemptGroups=" + exemptGroups + ", guards=" + guards + "]";
    }

    private record ColumnKey(String schema, String table, String column) {
    }

    /** Builds a {@link MaskingPolicy}; not thread-safe. */
    public static final class Builder {
        private Optional<String> preset = Optional.empty();
        private final List<ColumnRule> rules = new ArrayList<>();
        private DetectorSet detectors = DetectorSet.ALL;
        private OnUnknownLineage onUnknownLineage = OnUnknownLineage.REDACT;
        private OnUndecodable onUndecodable = OnUndecodable.NULL;
        private Set<String> exemptGroups = Set.of();
        private Guards guards = Guards.OFF;
        private final List<dev.sluice.core.phi.CustomDetectorSpec> customDetectors = new ArrayList<>();

        private Builder() {
        }

        public Builder preset(String name) {
            this.preset = Optional.of(name);
            return this;
        }

        /** Adds a rule after the rules already added. */
        public Builder rule(ColumnRule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Adds rules after the rules already added. */
        public Builder rules(Collection<ColumnRule> more) {
            more.forEach(this::rule);
            return this;
        }

        /** Puts rules before the rules already added: a configuration's own rules take precedence over a preset's. */
        public Builder rulesFirst(Collection<ColumnRule> first) {
            List<ColumnRule> ordered = new ArrayList<>(first);
            ordered.addAll(rules);
            rules.clear();
            rules.addAll(ordered);
            return this;
        }

        public Builder detectors(DetectorSet detectors) {
            this.detectors = Objects.requireNonNull(detectors, "detectors");
            return this;
        }

        public Builder onUnknownLineage(OnUnknownLineage onUnknownLineage) {
            this.onUnknownLineage = Objects.requireNonNull(onUnknownLineage, "onUnknownLineage");
            return this;
        }

        public Builder onUndecodable(OnUndecodable onUndecodable) {
            this.onUndecodable = Objects.requireNonNull(onUndecodable, "onUndecodable");
            return this;
        }

        public Builder exemptGroups(Collection<String> groups) {
            this.exemptGroups = Set.copyOf(groups);
            return this;
        }

        public Builder customDetectors(Collection<dev.sluice.core.phi.CustomDetectorSpec> more) {
            customDetectors.addAll(more);
            return this;
        }

        public Builder guards(Guards guards) {
            this.guards = Objects.requireNonNull(guards, "guards");
            return this;
        }

        public MaskingPolicy build() {
            return new MaskingPolicy(this);
        }
    }
}
