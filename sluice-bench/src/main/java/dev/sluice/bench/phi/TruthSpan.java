package dev.sluice.bench.phi;

import dev.sluice.core.phi.PhiType;

/**
 * A piece of PHI the generator put into a document: characters {@code [start, end)}, its type, and a variant that
 * says how it was written ("iso", "us", "listed/cue", "synthetic/nocue"…) so recall can be broken down.
 */
public record TruthSpan(int start, int end, PhiType type, String variant) {

    public TruthSpan {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty span [" + start + ", " + end + ")");
        }
    }
}
