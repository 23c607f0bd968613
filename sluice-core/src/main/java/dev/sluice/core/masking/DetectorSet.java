package dev.sluice.core.masking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which PHI detectors run as the content net over every text value that leaves. Detectors are named by their PHI
 * type ({@code ssn}, {@code phone}, {@code email}, {@code name}, …) as the detector registry in
 * {@code dev.sluice.core.phi} names them; {@link #unknown} checks the names against that registry.
 *
 * @param all   every detector the build has, including ones added later
 * @param names the detectors, when not {@code all}
 */
public record DetectorSet(boolean all, Set<String> names) {

    public static final DetectorSet ALL = new DetectorSet(true, Set.of());
    public static final DetectorSet NONE = new DetectorSet(false, Set.of());

    public DetectorSet {
        names = Set.copyOf(new TreeSet<>(Objects.requireNonNull(names, "names")));
        if (all && !names.isEmpty()) {
            throw new IllegalArgumentException("a detector set is either all detectors or a list of names");
        }
    }

    public static DetectorSet of(Collection<String> names) {
        return new DetectorSet(false, Set.copyOf(names));
    }

    public boolean includes(String detector) {
        return all || names.contains(detector);
    }

    public boolean isEmpty() {
        return !all && names.isEmpty();
    }

    /** The names that are not among {@code known}, sorted. */
    public List<String> unknown(Set<String> known) {
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }
}
