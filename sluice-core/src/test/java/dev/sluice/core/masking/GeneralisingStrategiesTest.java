package dev.sluice.core.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Year and ZIP3: Safe Harbor's generalisations. */
class GeneralisingStrategiesTest {

    private static final int THIS_YEAR = 2026;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1980-05-17                  | 1980",
            "1980-05-17 10:22:01.5+02    | 1980",
            "1980-05-17T10:22:01Z        | 1980",
            "05/17/1980                  | 1980",
            "17.05.1980                  | 1980",
            "Sat May 17 00:00:00 1980 PST | 1980",
            "19800517                    | 1980",
            "infinity                    | infinity",
    })
    void yearKeepsOnlyTheYear(String date, String year) {
        assertThat(Year.DATE.apply(date, ValueKind.TEXT, THIS_YEAR)).isEqualTo(year);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a date", "05/17/80", "1980/1990", "12/31"})
    void aValueThatIsNotAReadableDateIsMaskedInFull(String value) {
        assertThat(Year.DATE.mask(value, ValueKind.TEXT)).isEqualTo("***");
    }

    @Test
    void aDateColumnMaskedToAYearMustBecomeText() {
        assertThat(Year.DATE.fits(ValueKind.DATE)).isFalse();
        assertThat(Year.DATE.fits(ValueKind.TIMESTAMP)).isFalse();
        assertThat(Year.DATE.fits(ValueKind.TEXT)).isTrue();
        assertThat(Year.DATE.mask("1980-05-17", ValueKind.DATE)).isEqualTo("1980");
    }

    @Test
    void birthYearsOfPeopleOver89AreAggregated() {
        assertThat(Year.BIRTH_DATE.apply("1936-01-01", ValueKind.TEXT, THIS_YEAR)).isEqualTo("<=1936");
        assertThat(Year.BIRTH_DATE.apply("1920-07-04", ValueKind.TEXT, THIS_YEAR)).isEqualTo("<=1936");
        assertThat(Year.BIRTH_DATE.apply("1937-01-01", ValueKind.TEXT, THIS_YEAR)).isEqualTo("1937");
        assertThat(Year.BIRTH_DATE.apply("0044-03-15 BC", ValueKind.TEXT, THIS_YEAR)).isEqualTo("<=1936");
        assertThat(Year.DATE.apply("1920-07-04", ValueKind.TEXT, THIS_YEAR)).as("not a birth date").isEqualTo("1920");
    }

    @Test
    void aYearStoredAsANumberStaysANumber() {
        assertThat(Year.BIRTH_DATE.fits(ValueKind.INTEGER)).isTrue();
        assertThat(Year.BIRTH_DATE.apply("1931", ValueKind.INTEGER, THIS_YEAR)).isEqualTo("1936");
        assertThat(Year.BIRTH_DATE.apply("1975", ValueKind.INTEGER, THIS_YEAR)).isEqualTo("1975");
    }

    @Test
    void agesOver89Become90Plus() {
        assertThat(Year.AGE.mask("89", ValueKind.TEXT)).isEqualTo("89");
        assertThat(Year.AGE.mask("90", ValueKind.TEXT)).isEqualTo("90+");
        assertThat(Year.AGE.mask("104.5", ValueKind.TEXT)).isEqualTo("90+");
        assertThat(Year.AGE.mask("97", ValueKind.INTEGER)).as("top-coded, still an integer").isEqualTo("90");
        assertThat(Year.AGE.mask("ninety", ValueKind.TEXT)).isEqualTo("***");
        assertThat(Year.AGE.mask("ninety", ValueKind.INTEGER)).as("typed column: NULL, not a marker").isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "02134      | 02100",
            "02134-1234 | 02100",
            "021341234  | 02100",
            "94110      | 94100",
            "03601      | 00000",
            "89301-0001 | 00000",
            "82301      | 00000",
    })
    void zip3KeepsThreeDigitsAndZeroesSparseAreas(String zip, String masked) {
        assertThat(Zip3.SAFE_HARBOR.mask(zip, ValueKind.TEXT)).isEqualTo(masked);
    }

    @Test
    void zip3UsesTheHhsListOfSparsePrefixes() {
        assertThat(Zip3.SAFE_HARBOR_SPARSE_PREFIXES).containsExactlyInAnyOrder("036", "059", "063", "102", "203",
                "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893");
        assertThat(new Zip3(Set.of("941")).mask("94110", ValueKind.TEXT)).isEqualTo("00000");
    }

    @Test
    void zip3OfAZipStoredAsANumberRestoresItsLeadingZero() {
        assertThat(Zip3.SAFE_HARBOR.fits(ValueKind.INTEGER)).isTrue();
        assertThat(Zip3.SAFE_HARBOR.mask("2134", ValueKind.INTEGER)).isEqualTo("2100");
        assertThat(Zip3.SAFE_HARBOR.mask("94110", ValueKind.INTEGER)).isEqualTo("94100");
    }

    @ParameterizedTest
    @ValueSource(strings = {"K1A 0B6", "1234", "ABCDE", "123456"})
    void somethingThatIsNotAZipIsMaskedInFull(String value) {
        assertThat(Zip3.SAFE_HARBOR.mask(value, ValueKind.TEXT)).isEqualTo("***");
    }
}
