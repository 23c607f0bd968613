package dev.sluice.core.phi;

import java.util.Set;

/**
 * Vehicle identification numbers: 17 upper-case letters and digits without I, O or Q. North American VINs (first
 * character 1–5) must carry the check digit in position 9; elsewhere the check digit is optional, so those count
 * when it is right or when a cue ("VIN", "vehicle") comes before.
 */
final class VinDetector implements Detector {

    private static final ContextWords CONTEXT = ContextWords.of("vin", "vehicle", "chassis", "vin#");

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.VIN);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (t.tokenLength(i) != 17 || (t.flags(i) & (ScanText.DIGIT | ScanText.LETTER | ScanText.LOWER))
                    != (ScanText.DIGIT | ScanText.LETTER)) {
                continue;
            }
            int s = t.start(i);
            boolean charsOk = true;
            for (int p = s; p < s + 17 && charsOk; p++) {
                charsOk = Checksums.vinValue(text.charAt(p)) >= 0;
            }
            char year = text.charAt(s + 9);
            if (!charsOk || year == 'U' || year == 'Z' || year == '0') {
                continue;
            }
            boolean check = Checksums.vin(text, s);
            boolean cue = CONTEXT.before(t, i, 2);
            char region = text.charAt(s);
            if (check) {
                out.add(s, s + 17, PhiType.VIN, cue ? 0.98 : 0.9);
            } else if (cue && (region < '1' || region > '5')) {
                out.add(s, s + 17, PhiType.VIN, 0.85);
            }
        }
    }
}
