package dev.sluice.core.phi;

import java.util.Set;

/**
 * ZIP codes named as such: five digits, or ZIP+4, right after "ZIP", "zip code", "postal code" (also as a key,
 * {@code "zipCode": "62704"}). A ZIP code inside a street address is part of the {@link PhiType#ADDRESS} span.
 */
final class ZipDetector implements Detector {

    private static final ContextWords CONTEXT = ContextWords.of("zip", "zipcode", "zip code", "postal", "postal code",
            "postcode", "zip4", "zip+4");

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.ZIP);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        int next = 0;
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (i < next || !t.isDigits(i, 5)) {
                continue;
            }
            int last = t.gapChar(i) == '-' && t.isDigits(i + 1, 4) ? i + 1 : i;
            if (SsnDetector.standsAlone(t, i, last) && CONTEXT.before(t, i, 1)) {
                out.add(t.start(i), t.end(last), PhiType.ZIP, 0.9);
                next = last + 1;
            }
        }
    }
}
