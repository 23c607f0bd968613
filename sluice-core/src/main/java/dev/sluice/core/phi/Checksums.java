package dev.sluice.core.phi;

/** The check-digit algorithms of the identifiers that have one. Each reads digits straight from the text. */
final class Checksums {

    private Checksums() {
    }

    /** Luhn (mod 10) over the digits in {@code digits[0, length)}. */
    static boolean luhn(int[] digits, int length) {
        int sum = 0;
        boolean twice = false;
        for (int i = length - 1; i >= 0; i--) {
            int d = digits[i];
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /**
     * NPI check digit: Luhn over "80840" followed by the ten NPI digits ({@code text[start, start+10)}). The prefix
     * always contributes 24 to the Luhn sum, so it is added as that constant.
     */
    static boolean npi(CharSequence text, int start) {
        int sum = 24;
        for (int i = 0; i < 9; i++) {
            int d = text.charAt(start + i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        int check = (10 - sum % 10) % 10;
        return check == text.charAt(start + 9) - '0';
    }

    /**
     * DEA registration number check digit, for the seven digits at {@code text[start, start+7)}: (d1 + d3 + d5) +
     * 2 × (d2 + d4 + d6) ends in d7.
     */
    static boolean dea(CharSequence text, int start) {
        int odd = (text.charAt(start) - '0') + (text.charAt(start + 2) - '0') + (text.charAt(start + 4) - '0');
        int even = (text.charAt(start + 1) - '0') + (text.charAt(start + 3) - '0') + (text.charAt(start + 5) - '0');
        return (odd + 2 * even) % 10 == text.charAt(start + 6) - '0';
    }

    /**
     * IBAN mod-97 (ISO 13616) over the {@code length} alphanumeric characters starting at {@code start}, skipping
     * spaces: the first four move to the end, letters count as 10..35, the remainder must be 1.
     */
    static boolean iban(CharSequence text, int start, int end) {
        int remainder = 0;
        int firstFourEnd = -1;
        int seen = 0;
        for (int i = start; i < end && firstFourEnd < 0; i++) {
            if (text.charAt(i) != ' ' && ++seen == 4) {
                firstFourEnd = i + 1;
            }
        }
        if (firstFourEnd < 0) {
            return false;
        }
        for (int i = firstFourEnd; i < end; i++) {
            remainder = ibanStep(remainder, text.charAt(i));
            if (remainder < 0) {
                return false;
            }
        }
        for (int i = start; i < firstFourEnd; i++) {
            remainder = ibanStep(remainder, text.charAt(i));
            if (remainder < 0) {
                return false;
            }
        }
        return remainder == 1;
    }

    private static int ibanStep(int remainder, char c) {
        if (c == ' ') {
            return remainder;
        }
        if (c >= '0' && c <= '9') {
            return (remainder * 10 + (c - '0')) % 97;
        }
        if (c >= 'A' && c <= 'Z') {
            return (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return -1;
    }

    private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    /** The value of a VIN character for the check digit, or -1 for a character a VIN cannot hold (I, O, Q…). */
    static int vinValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> -1;
        };
    }

    /** Whether the VIN at {@code text[start, start+17)} has a correct check digit in position 9 (ISO 3779 / 49 CFR 565). */
    static boolean vin(CharSequence text, int start) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = vinValue(text.charAt(start + i));
            if (v < 0) {
                return false;
            }
            sum += v * VIN_WEIGHTS[i];
        }
        int check = sum % 11;
        char expected = check == 10 ? 'X' : (char) ('0' + check);
        return text.charAt(start + 8) == expected;
    }
}
