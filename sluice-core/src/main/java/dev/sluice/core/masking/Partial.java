package dev.sluice.core.masking;

/**
 * Keeps the first {@code keepFirst} and last {@code keepLast} characters and replaces the others by
 * {@code maskChar}: {@code 123-45-6789} with {@code keepLast = 4} becomes {@code ***-**-6789}. With
 * {@code keepSeparators} only letters and digits are counted and masked, so punctuation and spaces stay where they
 * were; without it every character counts.
 *
 * <p>It never reveals half of a value or more: a value with fewer than {@code 2 × (keepFirst + keepLast)} maskable
 * characters is masked completely (keeping the last four of a five-digit value would show almost all of it).
 * The output is text: a number masked this way becomes a text column.
 */
public record Partial(int keepFirst, int keepLast, char maskChar, boolean keepSeparators) implements MaskStrategy {

    public static final char DEFAULT_MASK_CHAR = '*';
    /** Far beyond any sensible use; bounds a typo such as {@code keep_last: 4000}. */
    public static final int MAX_KEEP = 64;

    public Partial {
        if (keepFirst < 0 || keepLast < 0 || keepFirst > MAX_KEEP || keepLast > MAX_KEEP) {
            throw new IllegalArgumentException("keepFirst and keepLast must be between 0 and " + MAX_KEEP);
        }
        if (Character.isSurrogate(maskChar)) {
            throw new IllegalArgumentException("maskChar must be a single character");
        }
    }

    /** Keep the last {@code n} characters, mask the rest with {@code *}, keep separators. */
    public static Partial keepLast(int n) {
        return new Partial(0, n, DEFAULT_MASK_CHAR, true);
    }

    @Override
    public String name() {
        return "partial";
    }

    @Override
    public boolean fits(ValueKind kind) {
        return kind == ValueKind.TEXT || kind == ValueKind.JSON;
    }

    String apply(String value) {
        int maskable = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (isMaskable(cp)) {
                maskable++;
            }
            i += Character.charCount(cp);
        }
        int kept = keepFirst + keepLast;
        boolean keepAny = kept > 0 && maskable >= 2 * kept;
        StringBuilder out = new StringBuilder(value.length());
        int index = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (!isMaskable(cp)) {
                out.appendCodePoint(cp);
                continue;
            }
            boolean keep = keepAny && (index < keepFirst || index >= maskable - keepLast);
            if (keep) {
                out.appendCodePoint(cp);
            } else {
                out.append(maskChar);
            }
            index++;
        }
        return out.toString();
    }

    private boolean isMaskable(int codePoint) {
        return !keepSeparators || Character.isLetterOrDigit(codePoint);
    }
}
