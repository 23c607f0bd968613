package dev.sluice.core.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnPatternTest {

    @ParameterizedTest
    @CsvSource({
            "*.patients.ssn,    public, patients, ssn,         true",
            "*.patients.ssn,    clinic, patients, ssn,         true",
            "*.patients.ssn,    public, patient,  ssn,         false",
            "*.patients.ssn,    public, patients, ssn_last4,   false",
            "public.*.email,    public, staff,    email,       true",
            "public.*.email,    billing, staff,   email,       false",
            "*.*.dob,           x,      y,        dob,         true",
            "*.*.*phone*,       x,      y,        home_phone,  true",
            "*.*.*phone*,       x,      y,        phone,       true",
            "*.*.zip?,          x,      y,        zip5,        true",
            "*.*.zip?,          x,      y,        zip,         false",
            "*.*.zip?,          x,      y,        zip55,       false",
            "*.*.a*b*c,         x,      y,        aXXbYYc,     true",
            "*.*.a*b*c,         x,      y,        aXXbYYcd,    false",
            "*.Patients.SSN,    PUBLIC, patients, ssn,         true",
            "*.patients.ssn,    public, Patients, SSN,         true",
            "ssn,               any,    table,    ssn,         true",
            "patients.ssn,      any,    patients, ssn,         true",
            "patients.ssn,      any,    visits,   ssn,         false",
    })
    void globsMatchEachPartIgnoringCase(String pattern, String schema, String table, String column, boolean matches) {
        assertThat(ColumnPattern.parse(pattern).matches(schema, table, column)).isEqualTo(matches);
    }

    @Test
    void anUnknownSchemaOrTableMatchesAnyBecauseItMayBeProtected() {
        ColumnPattern pattern = ColumnPattern.parse("clinic.patients.ssn");

        assertThat(pattern.matches(null, "patients", "ssn")).isTrue();
        assertThat(pattern.matches(null, null, "ssn")).isTrue();
        assertThat(pattern.matches(null, "visits", "ssn")).isFalse();
    }

    @Test
    void aStarNeverCrossesADot() {
        assertThat(ColumnPattern.parse("*.ssn").matches("public", "patients", "ssn")).isTrue();
        assertThat(ColumnPattern.parse("*.ssn").toString()).isEqualTo("*.*.ssn");
    }

    @Test
    void hostilePatternsMatchInReasonableTime() {
        ColumnPattern pattern = ColumnPattern.parse("*.*." + "*a".repeat(30) + "b");
        assertThat(pattern.matches("s", "t", "a".repeat(5_000))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", "a.b.c.d", "*.patients.", "a b.c"})
    void malformedPatternsAreRefused(String pattern) {
        assertThatThrownBy(() -> ColumnPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }
}
