package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryTest {

    private static final byte[] SELECT_1 = of('Q', int32(13), "select 1", NUL);

    @Test
    void encodesTypeLengthAndCString() {
        assertThat(new Query("select 1").encode()).isEqualTo(SELECT_1);
    }

    @Test
    void decodesItsOwnBody() throws PgProtocolException {
        assertThat(Query.decode(bodyOf(SELECT_1))).isEqualTo(new Query("select 1"));
    }

    @Test
    void decodesUtf8Text() throws PgProtocolException {
        assertThat(Query.decode(of("select 'Zoë'", NUL)).sql()).isEqualTo("select 'Zoë'");
    }

    @Test
    void unterminatedTextIsAProtocolViolation() {
        assertThatThrownBy(() -> Query.decode(of("select 1")))
                .isInstanceOf(PgProtocolException.class)
                .satisfies(e -> assertThat(((PgProtocolException) e).sqlState()).isEqualTo("08P01"));
    }

    @Test
    void trailingBytesAreAProtocolViolation() {
        assertThatThrownBy(() -> Query.decode(of("select 1", NUL, "x"))).isInstanceOf(PgProtocolException.class);
    }

    @Test
    void toStringHidesTheText() {
        assertThat(new Query("select * from patients where ssn = '123-45-6789'").toString())
                .doesNotContain("123-45-6789").doesNotContain("patients");
    }
}
