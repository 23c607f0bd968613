package dev.sluice.core.phi;

import java.util.Set;

/**
 * One family of PHI detection (SSNs, dates, names…). A detector is immutable and thread-safe; it reads the text
 * through a {@link ScanText}, which tokenises it once for every detector of a scan.
 *
 * <p>Contract: the work is linear in the text's length (no backtracking regular expressions on the text, every
 * look-around bounded by a constant), and a detector never throws on any input.
 */
public interface Detector {

    /** The types this detector may report. */
    Set<PhiType> types();

    /** Reports every span it finds, overlapping or not; the scanner resolves overlaps. */
    void detect(ScanText text, SpanSink out);
}
