package dev.sluice.core.phi;

import java.util.Set;

/**
 * Medicare Beneficiary Identifiers (CMS format, 11 characters, e.g. {@code 1EG4-TE5-MK73}): digit 1–9, letter,
 * letter-or-digit, digit, letter, letter-or-digit, digit, letter, letter, digit, digit; letters exclude S, L, O, I,
 * B and Z. Written whole or split 4-3-4 by dashes.
 */
final class MedicareIdDetector implements Detector {

    private static final String SHAPE = "CAMNAMNAANN";
    private static final ContextWords CONTEXT = ContextWords.of("mbi", "medicare", "beneficiary", "member",
            "medicare id");

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.HEALTH_PLAN_ID);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        int n = t.tokenCount();
        int next = 0;
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (i < next || (t.flags(i) & (ScanText.DIGIT | ScanText.LOWER)) != ScanText.DIGIT) {
                continue;
            }
            int last;
            if (t.tokenLength(i) == 11) {
                last = i;
            } else if (t.tokenLength(i) == 4 && i + 2 < n && t.gapChar(i) == '-' && t.gapChar(i + 1) == '-'
                    && t.tokenLength(i + 1) == 3 && t.tokenLength(i + 2) == 4) {
                last = i + 2;
            } else {
                continue;
            }
            int position = 0;
            boolean ok = true;
            for (int k = i; k <= last && ok; k++) {
                for (int p = t.start(k); p < t.end(k) && ok; p++) {
                    ok = fits(text.charAt(p), SHAPE.charAt(position++));
                }
            }
            if (ok) {
                out.add(t.start(i), t.end(last), PhiType.HEALTH_PLAN_ID, CONTEXT.before(t, i, 2) ? 0.97 : 0.85);
                next = last + 1;
            }
        }
    }

    private static boolean fits(char c, char shape) {
        boolean digit = c >= '0' && c <= '9';
        boolean letter = c >= 'A' && c <= 'Z' && "SLOIBZ".indexOf(c) < 0;
        return switch (shape) {
            case 'C' -> digit && c != '0';
            case 'A' -> letter;
            case 'M' -> letter || digit;
            default -> digit;
        };
    }
}
