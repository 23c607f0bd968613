package dev.sluice.app.demo;

import java.util.random.RandomGenerator;

/**
 * Identifiers that look real to a PHI detector but belong to nobody. All data here is synthetic.
 *
 * <p>Each one follows the rules a real identifier obeys (SSN area/group/serial ranges, the NPI check digit), so
 * the gateway's detectors see what they would see in production; the telephone numbers use the 555-0100 to
 * 555-0199 range that the North American Numbering Plan keeps for fiction, and e-mail domains are the ones
 * RFC 2606 reserves for examples.
 */
final class SyntheticIdentifiers {

    /** The prefix the NPI check digit is computed over: 80840 is the US health industry number issuer. */
    private static final String NPI_ISSUER_PREFIX = "80840";

    private static final String[] EMAIL_DOMAINS = {"example.com", "example.org", "example.net"};

    private SyntheticIdentifiers() {
    }

    /**
     * An SSN in {@code 123-45-6789} form that passes the Social Security Administration's structural rules: area
     * 001–665 or 667–899 (never 000, 666 or 900–999), group 01–99, serial 0001–9999.
     */
    static String ssn(RandomGenerator random) {
        int area = random.nextInt(1, 899);   // 1..898, then skip 666 by shifting up: 1..665, 667..899
        if (area >= 666) {
            area++;
        }
        int group = random.nextInt(1, 100);
        int serial = random.nextInt(1, 10_000);
        return "%03d-%02d-%04d".formatted(area, group, serial);
    }

    /** A medical record number: {@code MRN-} and eight digits. */
    static String mrn(RandomGenerator random) {
        return "MRN-%08d".formatted(random.nextInt(10_000_000, 100_000_000));
    }

    /** A ten-digit NPI starting with 1 or 2, its last digit the Luhn check digit over {@code 80840} + the first nine. */
    static String npi(RandomGenerator random) {
        String base = Integer.toString(random.nextInt(1, 3)) + "%08d".formatted(random.nextInt(100_000_000));
        return base + luhnCheckDigit(NPI_ISSUER_PREFIX + base);
    }

    /** Whether a ten-digit NPI carries the right check digit. */
    static boolean isValidNpi(String npi) {
        return npi.matches("\\d{10}")
                && npi.charAt(9) - '0' == luhnCheckDigit(NPI_ISSUER_PREFIX + npi.substring(0, 9));
    }

    /** The digit that makes {@code payload + digit} pass the Luhn (mod 10) check. */
    static int luhnCheckDigit(String payload) {
        int sum = 0;
        boolean doubleIt = true; // the rightmost payload digit sits next to the check digit, so it is doubled
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("not a digit string");
            }
            if (doubleIt) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    /** A US telephone number in the fictional 555-01XX range: {@code (617) 555-0143}. */
    static String phone(RandomGenerator random, String areaCode) {
        return "(%s) 555-01%02d".formatted(areaCode, random.nextInt(100));
    }

    /** A ZIP code near a city's own: the city's three-digit prefix and two random digits. */
    static String zip(RandomGenerator random, String zipPrefix) {
        return zipPrefix + "%02d".formatted(random.nextInt(1, 100));
    }

    /** An e-mail address at a reserved example domain, built from the person's name. */
    static String email(RandomGenerator random, String firstName, String lastName) {
        String local = switch (random.nextInt(3)) {
            case 0 -> firstName + "." + lastName;
            case 1 -> firstName.charAt(0) + lastName;
            default -> firstName + lastName.charAt(0) + random.nextInt(10, 100);
        };
        String cleaned = local.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]", "");
        return cleaned + "@" + EMAIL_DOMAINS[random.nextInt(EMAIL_DOMAINS.length)];
    }

    /** A health-plan member ID: three letters and nine digits, as many payers print on their cards. */
    static String memberId(RandomGenerator random) {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 3; i++) {
            id.append((char) ('A' + random.nextInt(26)));
        }
        return id.append("%09d".formatted(random.nextInt(1_000_000_000))).toString();
    }

    /** A plan group number: six to eight digits. */
    static String groupNumber(RandomGenerator random) {
        int digits = random.nextInt(6, 9);
        StringBuilder number = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.toString();
    }
}
