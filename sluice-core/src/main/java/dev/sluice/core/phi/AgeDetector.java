package dev.sluice.core.phi;

import java.util.Set;

/**
 * Ages over 89, which Safe Harbor allows only as "90 or older": {@code 92 years old}, {@code 94-year-old},
 * {@code 91 y/o}, {@code 95yo}, {@code 93 yo F}, {@code age 95}, {@code aged 101}. The span is the number.
 */
final class AgeDetector implements Detector {

    private static final ContextWords AGE_CUE = ContextWords.of("age", "aged", "ages", "age of");

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.AGE);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            int start = t.start(i);
            int digits = 0;
            int value = 0;
            while (start + digits < t.end(i) && digits < 4 && Character.isDigit(text.charAt(start + digits))) {
                value = value * 10 + (text.charAt(start + digits) - '0');
                digits++;
            }
            if (digits < 2 || digits > 3 || value < 90 || value > 130) {
                continue;
            }
            boolean age;
            if (digits < t.tokenLength(i)) {
                age = attachedUnit(text, start + digits, t.end(i)); // "95yo", "92y"
            } else {
                age = unitAfter(t, i) || AGE_CUE.before(t, i, 0);
            }
            if (age) {
                out.add(start, start + digits, PhiType.AGE, 0.9);
            }
        }
    }

    private static boolean attachedUnit(String text, int from, int to) {
        String unit = text.substring(from, to).toLowerCase(java.util.Locale.ROOT);
        return switch (unit) {
            case "y", "yo", "yof", "yom", "yr", "yrs", "yoa" -> true;
            default -> false;
        };
    }

    /** "years old", "year-old", "yr old", "yo", "y/o", "y.o.". */
    private static boolean unitAfter(ScanText t, int i) {
        int n = t.tokenCount();
        int u = i + 1;
        if (u >= n || !(t.gapIsBlank(i, 1) || t.gapChar(i) == '-')) {
            return false;
        }
        if (t.tokenIs(u, "yo") || t.tokenIs(u, "yof") || t.tokenIs(u, "yom")) {
            return true;
        }
        if (t.tokenIs(u, "y") && u + 1 < n && (t.gapChar(u) == '/' || t.gapChar(u) == '.') && t.tokenIs(u + 1, "o")) {
            return true;
        }
        boolean year = t.tokenIs(u, "year") || t.tokenIs(u, "years") || t.tokenIs(u, "yr") || t.tokenIs(u, "yrs");
        return year && u + 1 < n && (t.gapIsBlank(u, 1) || t.gapChar(u) == '-') && t.tokenIs(u + 1, "old");
    }
}
