package dev.sluice.core.phi;

import java.util.Set;

/**
 * DEA registration numbers: a registrant-type letter, the registrant's initial (or 9), seven digits whose last is
 * the check digit ((d1 + d3 + d5) + 2 × (d2 + d4 + d6) ends in d7).
 */
final class DeaDetector implements Detector {

    private static final String REGISTRANT_TYPES = "ABCDEFGHJKLMPRSTUX";
    private static final ContextWords CONTEXT = ContextWords.of("dea", "dea#", "registration");

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.DEA);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (t.tokenLength(i) != 9 || (t.flags(i) & (ScanText.DIGIT | ScanText.LETTER | ScanText.LOWER))
                    != (ScanText.DIGIT | ScanText.LETTER)) {
                continue;
            }
            int s = t.start(i);
            char type = text.charAt(s);
            char initial = text.charAt(s + 1);
            if (REGISTRANT_TYPES.indexOf(type) < 0 || !(initial >= 'A' && initial <= 'Z' || initial == '9')) {
                continue;
            }
            boolean digits = true;
            for (int p = s + 2; p < s + 9 && digits; p++) {
                digits = Character.isDigit(text.charAt(p)) && text.charAt(p) < 128;
            }
            if (digits && Checksums.dea(text, s + 2)) {
                out.add(s, s + 9, PhiType.DEA, CONTEXT.before(t, i, 2) ? 0.97 : 0.85);
            }
        }
    }
}
