package dev.sluice.core.lineage;

import dev.sluice.core.lineage.Slot.AnyColumnsOf;
import dev.sluice.core.lineage.Slot.Named;
import dev.sluice.core.lineage.Slot.Unnamed;
import dev.sluice.core.lineage.Slot.Unordered;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Operations on lists of {@link Slot}s: the columns of a relation or a query's output. */
final class Slots {

    private Slots() {
    }

    /** The columns a name may refer to: {@code definite} ones have that name, {@code possible} ones might. */
    record Match(List<ColumnOrigin> definite, List<ColumnOrigin> possible) {
        boolean isEmpty() {
            return definite.isEmpty() && possible.isEmpty();
        }

        List<ColumnOrigin> all() {
            List<ColumnOrigin> all = new ArrayList<>(definite);
            all.addAll(possible);
            return all;
        }
    }

    static boolean countKnown(List<Slot> slots) {
        for (Slot slot : slots) {
            boolean known = switch (slot) {
                case Named named -> true;
                case Unordered unordered -> countKnown(unordered.slots());
                case AnyColumnsOf any -> false;
                case Unnamed unnamed -> false;
            };
            if (!known) {
                return false;
            }
        }
        return true;
    }

    static Match lookup(List<Slot> slots, String name) {
        List<ColumnOrigin> definite = new ArrayList<>();
        List<ColumnOrigin> possible = new ArrayList<>();
        lookup(slots, name, definite, possible);
        return new Match(definite, possible);
    }

    private static void lookup(List<Slot> slots, String name, List<ColumnOrigin> definite,
                               List<ColumnOrigin> possible) {
        for (Slot slot : slots) {
            switch (slot) {
                case Named named when named.name().equals(name) -> definite.add(named.origin());
                case Named named -> {
                }
                case Unordered unordered -> lookup(unordered.slots(), name, definite, possible);
                case AnyColumnsOf any -> possible.add(any.table().column(name));
                case Unnamed unnamed -> possible.add(unnamed.origin());
            }
        }
    }

    /**
     * The origins position by position, for the public {@link Lineage}: a slot of unknown width becomes one
     * spanning {@link ColumnOrigin.Unknown}.
     */
    static List<ColumnOrigin> flatten(List<Slot> slots) {
        List<ColumnOrigin> origins = new ArrayList<>();
        for (Slot slot : slots) {
            switch (slot) {
                case Named named -> origins.add(named.origin());
                case Unordered unordered when countKnown(unordered.slots()) -> {
                    List<Named> members = named(unordered.slots());
                    ColumnOrigin any = Origins.oneOf(members.stream().map(Named::origin).toList());
                    members.forEach(member -> origins.add(any));
                }
                case Unordered unordered -> origins.add(new ColumnOrigin.Unknown(unordered.reason(), true));
                case AnyColumnsOf any -> origins.add(new ColumnOrigin.Unknown(
                        "* over " + any.table().label() + ", whose columns are unknown", true));
                case Unnamed unnamed -> origins.add(new ColumnOrigin.Unknown(unnamed.reason(), true));
            }
        }
        return origins;
    }

    /** Exactly {@code count} origins, position by position, as {@link Lineage#originsFor} matches them. */
    static List<ColumnOrigin> positional(List<Slot> slots, int count) {
        return new Lineage(Optional.empty(), flatten(slots), Set.of(), Optional.empty()).originsFor(count);
    }

    /** The named columns, when the width is known (members of unordered groups included), else empty. */
    static Optional<Map<String, ColumnOrigin>> members(List<Slot> slots) {
        if (!countKnown(slots)) {
            return Optional.empty();
        }
        Map<String, ColumnOrigin> members = new LinkedHashMap<>();
        for (Named named : named(slots)) {
            members.merge(named.name(), named.origin(), (a, b) -> Origins.oneOf(List.of(a, b)));
        }
        return Optional.of(members);
    }

    /** Every {@link Named} slot, unordered groups opened. */
    static List<Named> named(List<Slot> slots) {
        List<Named> named = new ArrayList<>();
        for (Slot slot : slots) {
            if (slot instanceof Named one) {
                named.add(one);
            } else if (slot instanceof Unordered unordered) {
                named.addAll(named(unordered.slots()));
            }
        }
        return named;
    }

    /** The slots without the named columns {@code names} (the columns a JOIN … USING merges). */
    static List<Slot> without(List<Slot> slots, Collection<String> names) {
        List<Slot> kept = new ArrayList<>();
        for (Slot slot : slots) {
            switch (slot) {
                case Named named when names.contains(named.name()) -> {
                }
                case Unordered unordered -> {
                    List<Slot> inner = without(unordered.slots(), names);
                    if (!inner.isEmpty()) {
                        kept.add(new Unordered(unordered.reason(), inner));
                    }
                }
                default -> kept.add(slot);
            }
        }
        return kept;
    }

    /**
     * The slots with their first columns renamed ({@code AS q(a, b)}). Where a position cannot be known (after a
     * slot of unknown width), a new name gets an unknown origin; the old slots stay too, so a lookup by an old
     * name still finds what it may be.
     */
    static List<Slot> rename(List<Slot> slots, List<String> names) {
        if (names.isEmpty()) {
            return slots;
        }
        List<Slot> renamed = new ArrayList<>();
        int next = 0;
        for (Slot slot : slots) {
            if (next >= names.size()) {
                renamed.add(slot);
                continue;
            }
            switch (slot) {
                case Named named -> renamed.add(new Named(names.get(next++), named.origin()));
                case Unordered unordered when countKnown(unordered.slots()) -> {
                    List<Named> members = named(unordered.slots());
                    ColumnOrigin any = Origins.oneOf(members.stream().map(Named::origin).toList());
                    int width = members.size();
                    int take = Math.min(width, names.size() - next);
                    for (int i = 0; i < take; i++) {
                        renamed.add(new Named(names.get(next++), any));
                    }
                    if (take < width) {
                        renamed.add(new Unordered(unordered.reason(), members.subList(take, width).stream()
                                .map(member -> (Slot) new Named(member.name(), any)).toList()));
                    }
                }
                default -> {
                    while (next < names.size()) {
                        renamed.add(new Named(names.get(next++), new ColumnOrigin.Unknown(
                                "column " + names.get(next - 1) + " renames a column whose position is unknown")));
                    }
                    renamed.add(slot);
                }
            }
        }
        return renamed;
    }

    /** Every column's origin, for a whole-row reference; Unknown when the columns are not all known. */
    static ColumnOrigin wholeRow(List<Slot> slots, String what) {
        Optional<Map<String, ColumnOrigin>> members = members(slots);
        if (members.isEmpty()) {
            return new ColumnOrigin.Unknown("a whole row of " + what + ", whose columns are unknown");
        }
        return Origins.contained(new ArrayList<>(members.get().values()));
    }
}
