package dev.sluice.app.demo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticIdentifiersTest {

    private static final Pattern SSN = Pattern.compile("(\\d{3})-(\\d{2})-(\\d{4})");

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20_250_630L, -7})
    void ssnsKeepToTheRangesTheSsaIssues(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000; i++) {
            Matcher ssn = SSN.matcher(SyntheticIdentifiers.ssn(random));
            assertThat(ssn.matches()).isTrue();
            int area = Integer.parseInt(ssn.group(1));
            assertThat(area).isBetween(1, 899).isNotEqualTo(666);
            assertThat(Integer.parseInt(ssn.group(2))).isBetween(1, 99);
            assertThat(Integer.parseInt(ssn.group(3))).isBetween(1, 9999);
        }
    }

    @Test
    void ssnAreasReachBothEndsOfTheirRange() {
        SplittableRandom random = new SplittableRandom(3);
        boolean sawLowest = false;
        boolean sawHighest = false;
        boolean sawAfter666 = false;
        for (int i = 0; i < 200_000; i++) {
            int area = Integer.parseInt(SyntheticIdentifiers.ssn(random).substring(0, 3));
            sawLowest |= area == 1;
            sawHighest |= area == 899;
            sawAfter666 |= area == 667;
        }
        assertThat(sawLowest && sawHighest && sawAfter666).isTrue();
    }

    @Test
    void npiCheckDigitMatchesTheCmsWorkedExample() {
        // CMS, "Requirements for NPI check digit": 123456789 gets check digit 3
        assertThat(SyntheticIdentifiers.luhnCheckDigit("80840123456789")).isEqualTo(3);
        assertThat(SyntheticIdentifiers.isValidNpi("1234567893")).isTrue();
        assertThat(SyntheticIdentifiers.isValidNpi("1234567890")).isFalse();
    }

    @Test
    void generatedNpisAreTenDigitsWithAValidCheckDigit() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 10_000; i++) {
            String npi = SyntheticIdentifiers.npi(random);
            assertThat(npi).matches("[12]\\d{9}");
            assertThat(SyntheticIdentifiers.isValidNpi(npi)).isTrue();
            String wrongLastDigit = npi.substring(0, 9) + (char) ('0' + (npi.charAt(9) - '0' + 1) % 10);
            assertThat(SyntheticIdentifiers.isValidNpi(wrongLastDigit)).isFalse();
        }
    }

    @Test
    void phoneNumbersStayInTheRangeKeptForFiction() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 1_000; i++) {
            assertThat(SyntheticIdentifiers.phone(random, "617")).matches("\\(617\\) 555-01\\d\\d");
        }
    }

    @Test
    void emailsUseReservedExampleDomains() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 1_000; i++) {
            assertThat(SyntheticIdentifiers.email(random, "Soo-jin", "O'Brien"))
                    .matches("[a-z0-9.]+@example\\.(com|org|net)");
        }
    }

    @Test
    void mrnsAreEightDigitsAfterThePrefix() {
        SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < 1_000; i++) {
            assertThat(SyntheticIdentifiers.mrn(random)).matches("MRN-\\d{8}");
        }
    }
}
