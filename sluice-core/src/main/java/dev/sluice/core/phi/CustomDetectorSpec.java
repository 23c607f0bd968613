package dev.sluice.core.phi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A detector declared in configuration: a list of regular expressions (RE2J syntax: linear-time, no
 * backreferences or look-around) or a dictionary of words and phrases. Matches are reported as
 * {@link PhiType#CUSTOM} spans labelled with the upper-cased name ({@code employee-id} → {@code [EMPLOYEE_ID]}).
 *
 * @param name          the detector's name, letters, digits, {@code -} and {@code _}
 * @param kind          how {@code values} are read
 * @param values        the patterns, or the dictionary entries (matched on word boundaries, spaces between words)
 * @param contextWords  when not empty, a match counts only right after one of these cue words or phrases
 *                      (filler words such as "number", "no", "id" may sit between)
 * @param confidence    the confidence of every match, 0 < c ≤ 1
 * @param caseSensitive whether matching respects case
 */
public record CustomDetectorSpec(String name, Kind kind, List<String> values, List<String> contextWords,
                                 double confidence, boolean caseSensitive) {

    public enum Kind { REGEX, DICTIONARY }

    public CustomDetectorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        values = List.copyOf(Objects.requireNonNull(values, "values"));
        contextWords = List.copyOf(Objects.requireNonNull(contextWords, "contextWords"));
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("detector name '" + name
                    + "' must be letters, digits, '-' or '_'");
        }
        if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("detector " + name + " needs at least one non-blank "
                    + (kind == Kind.REGEX ? "pattern" : "entry"));
        }
        if (!(confidence > 0 && confidence <= 1)) {
            throw new IllegalArgumentException("detector " + name + ": confidence " + confidence
                    + " is not within (0, 1]");
        }
    }

    /** A case-insensitive regex detector without cue words, confidence 0.9. */
    public static CustomDetectorSpec regex(String name, String... patterns) {
        return new CustomDetectorSpec(name, Kind.REGEX, List.of(patterns), List.of(), 0.9, false);
    }

    /** A case-insensitive dictionary detector without cue words, confidence 0.9. */
    public static CustomDetectorSpec dictionary(String name, String... entries) {
        return new CustomDetectorSpec(name, Kind.DICTIONARY, List.of(entries), List.of(), 0.9, false);
    }

    /** What a scrubber writes between brackets: the name in upper case, {@code -} as {@code _}. */
    public String label() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
