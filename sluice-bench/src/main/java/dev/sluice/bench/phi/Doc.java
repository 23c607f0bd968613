package dev.sluice.bench.phi;

import dev.sluice.core.phi.PhiType;

import java.util.ArrayList;
import java.util.List;

/**
 * One document of the corpus with its ground truth.
 *
 * @param kind {@code note} (free clinical text), {@code record} (key-value and CSV-ish lines) or {@code json}
 */
public record Doc(String kind, String text, List<TruthSpan> truth) {

    public Doc {
        truth = List.copyOf(truth);
    }

    /** Builds a document piece by piece, recording where each PHI value lands. */
    static final class Builder {
        private final String kind;
        private final StringBuilder text = new StringBuilder();
        private final List<TruthSpan> truth = new ArrayList<>();

        Builder(String kind) {
            this.kind = kind;
        }

        Builder text(String plain) {
            text.append(plain);
            return this;
        }

        Builder phi(PhiType type, String variant, String value) {
            int start = text.length();
            text.append(value);
            truth.add(new TruthSpan(start, text.length(), type, variant));
            return this;
        }

        int length() {
            return text.length();
        }

        Doc build() {
            return new Doc(kind, text.toString(), truth);
        }
    }
}
