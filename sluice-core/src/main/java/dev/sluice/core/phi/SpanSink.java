package dev.sluice.core.phi;

/** Where a {@link Detector} reports what it found; the scanner ranks and resolves the spans afterwards. */
@FunctionalInterface
public interface SpanSink {

    void accept(PhiSpan span);

    default void add(int start, int end, PhiType type, double confidence) {
        accept(new PhiSpan(start, end, type, confidence));
    }
}
