package dev.sluice.postgres.upstream;

import java.text.Normalizer;

/**
 * SASLprep (RFC 4013) for SCRAM passwords, following PostgreSQL's {@code pg_saslprep} so that the gateway derives
 * the same key the server stored: pure-ASCII passwords are used as they are; otherwise non-ASCII spaces map to
 * U+0020, "commonly mapped to nothing" characters are dropped, the result is NFKC-normalised and checked for
 * prohibited output and bidirectional rules. A password that fails those checks is used unnormalised, exactly as
 * PostgreSQL does (RFC 5802 allows it for stored secrets created that way).
 *
 * <p>Limitation: the JDK's current Unicode tables stand in for stringprep's Unicode 3.2 tables (for NFKC, for the
 * unassigned-code-point check and for bidi categories). PostgreSQL uses current tables for NFKC too; a password made
 * of code points assigned after Unicode 3.2 and also containing other non-ASCII text could, in rare cases, be judged
 * differently.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    static String prepare(String password) {
        if (password.chars().allMatch(c -> c < 0x80)) {
            return password;
        }
        StringBuilder mapped = new StringBuilder(password.length());
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            i += Character.charCount(cp);
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        }
        String normalized = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        if (normalized.isEmpty() || hasProhibited(normalized) || !bidiOk(normalized)) {
            return password;
        }
        return normalized;
    }

    /** RFC 3454 C.1.2. */
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 3454 B.1. */
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    private static boolean hasProhibited(String s) {
        return s.codePoints().anyMatch(SaslPrep::isProhibited);
    }

    /** RFC 4013 section 2.3 (tables C.1.2, C.2.1, C.2.2, C.3–C.9) and section 2.5 (A.1, unassigned). */
    private static boolean isProhibited(int cp) {
        return isNonAsciiSpace(cp)
                || cp < 0x20 || cp == 0x7F                                                        // C.2.1
                || (cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E      // C.2.2
                || cp == 0x200C || cp == 0x200D || cp == 0x2028 || cp == 0x2029
                || (cp >= 0x2060 && cp <= 0x2063) || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFC) || (cp >= 0x1D173 && cp <= 0x1D17A)
                || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD)              // C.3
                || (cp >= 0x100000 && cp <= 0x10FFFD)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE                       // C.4
                || (cp >= 0xD800 && cp <= 0xDFFF)                                                  // C.5
                || cp == 0xFFFD                                                                    // C.6
                || (cp >= 0x2FF0 && cp <= 0x2FFB)                                                  // C.7
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F                    // C.8
                || (cp >= 0x202A && cp <= 0x202E)
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F)                               // C.9
                || !Character.isDefined(cp);                                                       // A.1
    }

    /** RFC 3454 section 6: RandALCat text must not contain LCat and must start and end with RandALCat. */
    private static boolean bidiOk(String s) {
        boolean hasRandAl = false;
        boolean hasL = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            hasRandAl |= isRandAl(cp);
            hasL |= Character.getDirectionality(cp) == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        if (!hasRandAl) {
            return true;
        }
        return !hasL && isRandAl(s.codePointAt(0)) && isRandAl(s.codePointBefore(s.length()));
    }

    private static boolean isRandAl(int cp) {
        byte d = Character.getDirectionality(cp);
        return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }
}
