package dev.sluice.core.phi;

import java.util.Set;

/**
 * National Provider Identifiers: ten digits starting with 1 or 2 whose last digit is the Luhn check digit of
 * "80840" + the first nine. A cue ("NPI") raises the confidence; without one, one number in ten passes by chance.
 */
final class NpiDetector implements Detector {

    private static final ContextWords CONTEXT = ContextWords.of("npi", "national provider", "provider");

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.NPI);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (!t.isDigits(i, 10)) {
                continue;
            }
            int start = t.start(i);
            char first = text.charAt(start);
            if ((first == '1' || first == '2') && SsnDetector.standsAlone(t, i, i) && Checksums.npi(text, start)) {
                out.add(start, t.end(i), PhiType.NPI, CONTEXT.before(t, i, 2) ? 0.97 : 0.7);
            }
        }
    }
}
