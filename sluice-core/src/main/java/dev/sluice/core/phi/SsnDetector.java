package dev.sluice.core.phi;

import java.util.Set;

/**
 * US Social Security numbers: {@code 123-45-6789}, {@code 123 45 6789}, and nine plain digits after a cue ("SSN",
 * "social security"). Numbers that were never issued are skipped: area 000, 666 or 900–999, group 00, serial 0000.
 */
final class SsnDetector implements Detector {

    private static final ContextWords CONTEXT = ContextWords.of("ssn", "ss", "social security", "soc sec",
            "social", "ssns", "ss#", "tin", "taxpayer");

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.SSN);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        int next = 0;
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (i < next || !t.isDigits(i)) {
                continue;
            }
            int length = t.tokenLength(i);
            if (length == 3 && t.isDigits(i + 1, 2) && t.isDigits(i + 2, 4)) {
                char sep = t.gapChar(i);
                if ((sep == '-' || sep == ' ') && t.gapChar(i + 1) == sep && standsAlone(t, i, i + 2)
                        && valid(t.intValue(i), t.intValue(i + 1), t.intValue(i + 2))) {
                    boolean cue = CONTEXT.before(t, i, 2);
                    double confidence = sep == '-' ? (cue ? 0.98 : 0.9) : (cue ? 0.95 : 0.6);
                    out.add(t.start(i), t.end(i + 2), PhiType.SSN, confidence);
                    next = i + 3;
                }
            } else if (length == 9 && standsAlone(t, i, i) && CONTEXT.before(t, i, 2)) {
                int value = t.intValue(i);
                if (valid(value / 1_000_000, value / 10_000 % 100, value % 10_000)) {
                    out.add(t.start(i), t.end(i), PhiType.SSN, 0.9);
                }
            }
        }
    }

    /** Not part of a longer run of digit groups ("1-123-45-6789-0"). */
    static boolean standsAlone(ScanText t, int first, int last) {
        if (first > 0 && t.isDigits(first - 1) && isJoiner(t.gapChar(first - 1))) {
            return false;
        }
        return last + 1 >= t.tokenCount() || !(t.isDigits(last + 1) && isJoiner(t.gapChar(last)));
    }

    private static boolean isJoiner(char c) {
        return c == '-' || c == '.' || c == '/';
    }

    static boolean valid(int area, int group, int serial) {
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }
}
