package dev.sluice.postgres.resultmask;

import dev.sluice.postgres.masking.CopyFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CopyStatementTest {

    @Test
    void tableWithDefaults() {
        CopyStatement copy = CopyStatement.parse("COPY public.Patients TO STDOUT").orElseThrow();
        assertThat(copy.schema()).isEqualTo("public");
        assertThat(copy.table()).isEqualTo("patients");
        assertThat(copy.columns()).isEmpty();
        assertThat(copy.binary()).isFalse();
        assertThat(copy.layout()).isEqualTo(CopyFormat.text());
    }

    @Test
    void columnListAndCsvOptions() {
        CopyStatement copy = CopyStatement.parse(
                "copy patients (ssn, \"Dob\") to stdout with (format csv, delimiter '|', quote '''', escape E'\\\\', "
                        + "null 'NULL', header true, force_quote (ssn));").orElseThrow();
        assertThat(copy.columns()).containsExactly("ssn", "Dob");
        assertThat(copy.layout()).isEqualTo(new CopyFormat.Csv('|', '\'', '\\', "NULL", true));
    }

    @Test
    void legacySyntax() {
        assertThat(CopyStatement.parse("copy patients to stdout with csv header delimiter as ';' force quote ssn")
                .orElseThrow().layout()).isEqualTo(new CopyFormat.Csv(';', '"', '"', "", true));
        assertThat(CopyStatement.parse("copy patients to stdout binary").orElseThrow().binary()).isTrue();
        assertThat(CopyStatement.parse("copy patients to stdout delimiter E'\\t' null ''").orElseThrow().layout())
                .isEqualTo(new CopyFormat.Text('\t', "", false));
    }

    @Test
    void querySource() {
        CopyStatement copy = CopyStatement.parse(
                "copy (select ssn, ')' from patients where x in (select 1)) to stdout (format binary)").orElseThrow();
        assertThat(copy.query()).isEqualTo("select ssn, ')' from patients where x in (select 1)");
        assertThat(copy.table()).isNull();
        assertThat(copy.binary()).isTrue();
        assertThat(copy.encoding()).isNull();
    }

    @Test
    void encodingIsReported() {
        assertThat(CopyStatement.parse("copy t to stdout (encoding 'LATIN1')").orElseThrow().encoding())
                .isEqualTo("LATIN1");
    }

    @Test
    void whatItCannotReadIsEmpty() {
        assertThat(CopyStatement.parse("copy t to '/tmp/x'")).isEmpty();
        assertThat(CopyStatement.parse("copy t from stdin")).isEmpty();
        assertThat(CopyStatement.parse("copy t to stdout (format xml)")).isEmpty();
        assertThat(CopyStatement.parse("copy t to stdout (delimiter 'ab')")).isEmpty();
        assertThat(CopyStatement.parse("copy t to stdout (header match)")).isEmpty();
        assertThat(CopyStatement.parse("copy t to stdout; select 1")).isEmpty();
        assertThat(CopyStatement.parse("copy (select 1 to stdout")).isEmpty();
        assertThat(CopyStatement.parse("copy t to stdout (quote '\"')")).isEmpty(); // QUOTE only with CSV
    }
}
