package dev.sluice.core.phi;

import java.util.List;
import java.util.Objects;

/**
 * A {@link TextScrubber} that replaces every span a {@link PhiScanner} finds with its bracketed label:
 * {@code "DOB 01/02/1950"} → {@code "DOB [DATE]"}. Fails closed: should a detector fail on some input, the whole
 * text is replaced by {@value #UNSCANNED}, never passed through.
 */
public final class DetectorScrubber implements TextScrubber {

    /** What a text becomes when it could not be scanned. */
    public static final String UNSCANNED = "[REDACTED]";

    private final PhiScanner scanner;

    public DetectorScrubber(PhiScanner scanner) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
    }

    /** A scrubber with every built-in detector ({@link PhiScanner#standard()}). */
    public static DetectorScrubber standard() {
        return new DetectorScrubber(PhiScanner.standard());
    }

    public PhiScanner scanner() {
        return scanner;
    }

    @Override
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<PhiSpan> spans;
        try {
            spans = scanner.scan(text);
        } catch (RuntimeException e) {
            return UNSCANNED;
        }
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (PhiSpan span : spans) {
            out.append(text, at, span.start()).append(span.token());
            at = span.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
