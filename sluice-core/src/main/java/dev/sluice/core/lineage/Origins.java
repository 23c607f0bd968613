package dev.sluice.core.lineage;

import dev.sluice.core.lineage.ColumnOrigin.Constant;
import dev.sluice.core.lineage.ColumnOrigin.Derived;
import dev.sluice.core.lineage.ColumnOrigin.Direct;
import dev.sluice.core.lineage.ColumnOrigin.Unknown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How origins combine. An {@link Unknown} part makes the whole unknown (it could be anything); {@link Constant}
 * parts add nothing; a combination without a source column is constant.
 */
final class Origins {

    private Origins() {
    }

    /**
     * A value that is one of the parts' values unchanged. Parts that are all the same {@link Direct} column stay
     * that column (a set operation whose branches agree); anything else is {@link Derivation#ONE_OF} when every
     * part is a plain value, or the least maskable of the parts' derivations.
     */
    static ColumnOrigin oneOf(List<ColumnOrigin> parts) {
        Unknown unknown = firstUnknown(parts);
        if (unknown != null) {
            return unknown;
        }
        if (!parts.isEmpty() && parts.stream().allMatch(part -> part.equals(parts.getFirst()))
                && parts.getFirst() instanceof Direct direct) {
            return direct;
        }
        Set<SourceColumn> sources = new LinkedHashSet<>();
        Derivation joined = null;
        for (ColumnOrigin part : parts) {
            if (part instanceof Constant) {
                continue;
            }
            sources.addAll(part.sources());
            Derivation how = derivation(part);
            joined = joined == null ? how : join(joined, how);
        }
        return joined == null ? ColumnOrigin.CONSTANT : new Derived(sources, joined);
    }

    /** A value computed from the parts. */
    static ColumnOrigin transformed(List<ColumnOrigin> parts) {
        return flat(parts, Derivation.TRANSFORMED);
    }

    /** A value in which the parts' values are embedded at unknown places. */
    static ColumnOrigin contained(List<ColumnOrigin> parts) {
        return flat(parts, Derivation.CONTAINED);
    }

    /** An array of the parts' values. */
    static ColumnOrigin elements(List<ColumnOrigin> parts) {
        ColumnOrigin combined = oneOf(parts);
        if (!(combined instanceof Derived derived)) {
            return combined instanceof Direct direct ? new Derived(direct.sources(), Derivation.ELEMENTS) : combined;
        }
        Derivation how = switch (derived.how()) {
            case Derivation.OneOf one -> Derivation.ELEMENTS;
            case Derivation.Elements nested -> Derivation.ELEMENTS; // an array of arrays: still the values
            case Derivation.Transformed transformed -> Derivation.TRANSFORMED;
            case Derivation.JsonRecords records -> records; // an array of JSON documents: same members in each
            case Derivation.Contained contained -> Derivation.CONTAINED;
        };
        return new Derived(derived.sources(), how);
    }

    /** One element of an array value ({@code unnest}). */
    static ColumnOrigin elementOf(ColumnOrigin array) {
        return switch (array) {
            case Direct direct -> new Derived(direct.sources(), Derivation.ONE_OF);
            case Derived derived when derived.how() instanceof Derivation.Elements
                    || derived.how() instanceof Derivation.OneOf -> new Derived(derived.sources(), Derivation.ONE_OF);
            case Derived derived when derived.how() instanceof Derivation.Transformed
                    || derived.how() instanceof Derivation.JsonRecords -> derived;
            case Derived derived -> new Derived(derived.sources(), Derivation.CONTAINED);
            default -> array;
        };
    }

    /**
     * {@code value}, chosen or filtered by {@code steering} (the second argument of {@code nullif}, a CASE
     * condition): when the steering reads a column, the result tells something about that column too, so it is
     * computed from all of them.
     */
    static ColumnOrigin steered(ColumnOrigin value, List<ColumnOrigin> steering) {
        Unknown unknown = firstUnknown(steering);
        if (unknown != null && !(value instanceof Unknown)) {
            return unknown;
        }
        if (value instanceof Unknown || steering.stream().allMatch(part -> part.sources().isEmpty())) {
            return value;
        }
        List<ColumnOrigin> all = new ArrayList<>(steering.size() + 1);
        all.add(value);
        all.addAll(steering);
        return transformed(all);
    }

    /** A JSON document of rows whose members hold these values. */
    static ColumnOrigin jsonRecords(Map<String, ColumnOrigin> members) {
        Unknown unknown = firstUnknown(new ArrayList<>(members.values()));
        if (unknown != null) {
            return unknown;
        }
        Set<SourceColumn> sources = new LinkedHashSet<>();
        members.values().forEach(member -> sources.addAll(member.sources()));
        return sources.isEmpty() ? ColumnOrigin.CONSTANT
                : new Derived(sources, new Derivation.JsonRecords(members));
    }

    static Unknown firstUnknown(List<ColumnOrigin> parts) {
        for (ColumnOrigin part : parts) {
            if (part instanceof Unknown unknown) {
                return unknown.spansColumns() ? new Unknown(unknown.reason()) : unknown;
            }
        }
        return null;
    }

    private static ColumnOrigin flat(List<ColumnOrigin> parts, Derivation how) {
        Unknown unknown = firstUnknown(parts);
        if (unknown != null) {
            return unknown;
        }
        Set<SourceColumn> sources = new LinkedHashSet<>();
        parts.forEach(part -> sources.addAll(part.sources()));
        return sources.isEmpty() ? ColumnOrigin.CONSTANT : new Derived(sources, how);
    }

    private static Derivation derivation(ColumnOrigin origin) {
        return origin instanceof Derived derived ? derived.how() : Derivation.ONE_OF;
    }

    /** The derivation of a value that may be either: the least maskable of the two. */
    private static Derivation join(Derivation a, Derivation b) {
        if (a instanceof Derivation.JsonRecords left && b instanceof Derivation.JsonRecords right) {
            Map<String, ColumnOrigin> members = new LinkedHashMap<>(left.members());
            right.members().forEach((name, origin) ->
                    members.merge(name, origin, (x, y) -> oneOf(List.of(x, y))));
            return new Derivation.JsonRecords(members);
        }
        if (a.equals(b)) {
            return a;
        }
        if (a instanceof Derivation.Transformed || b instanceof Derivation.Transformed) {
            return Derivation.TRANSFORMED;
        }
        return Derivation.CONTAINED;
    }
}
