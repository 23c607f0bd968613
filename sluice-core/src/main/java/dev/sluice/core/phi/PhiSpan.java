package dev.sluice.core.phi;

import java.util.Objects;

/**
 * A stretch of text that a detector takes for PHI: characters {@code [start, end)} of the scanned string.
 *
 * @param confidence how sure the detector is, 0..1; context words ("DOB", "MRN") and checksums raise it
 * @param label      what a scrubber writes between brackets: the type's name, or a custom detector's name
 */
public record PhiSpan(int start, int end, PhiType type, double confidence, String label) {

    public PhiSpan {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ") is empty or negative");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " is not within 0..1");
        }
    }

    public PhiSpan(int start, int end, PhiType type, double confidence) {
        this(start, end, type, confidence, type.name());
    }

    public int length() {
        return end - start;
    }

    /** The same span cut to {@code [newStart, newEnd)}. */
    PhiSpan cut(int newStart, int newEnd) {
        return new PhiSpan(newStart, newEnd, type, confidence, label);
    }

    /** The replacement a scrubber writes for this span, e.g. {@code [SSN]}. */
    public String token() {
        return "[" + label + "]";
    }
}
