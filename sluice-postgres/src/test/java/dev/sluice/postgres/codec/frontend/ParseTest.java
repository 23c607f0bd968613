package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int16;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParseTest {

    /** Parse "S_1", "select $1", one parameter of type int4 (OID 23). */
    private static final byte[] NAMED = of('P', int32(4 + 4 + 10 + 2 + 4), "S_1", NUL, "select $1", NUL, int16(1),
            int32(23));

    @Test
    void encodesNameTextAndParameterTypes() {
        assertThat(new Parse("S_1", "select $1", List.of(23)).encode()).isEqualTo(NAMED);
    }

    @Test
    void decodesItsOwnBody() throws PgProtocolException {
        assertThat(Parse.decode(bodyOf(NAMED))).isEqualTo(new Parse("S_1", "select $1", List.of(23)));
    }

    @Test
    void unnamedStatementWithoutTypes() throws PgProtocolException {
        byte[] bytes = of('P', int32(4 + 1 + 9 + 2), NUL, "select 1", NUL, int16(0));
        assertThat(new Parse("", "select 1", List.of()).encode()).isEqualTo(bytes);
        assertThat(Parse.decode(bodyOf(bytes)).parameterTypes()).isEmpty();
    }

    @Test
    void parameterTypesAreNamedAsUnsignedOids() throws PgProtocolException {
        Parse parse = Parse.decode(of("", NUL, "select $1, $2", NUL, int16(2), int32(0), int32(0xFFFFFFFE)));
        assertThat(parse.parameterTypeNames()).containsExactly("0", "4294967294");
    }

    @Test
    void typeCountLargerThanTheBodyIsAProtocolViolation() {
        assertThatThrownBy(() -> Parse.decode(of("", NUL, "select $1", NUL, int16(1000), int32(23))))
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("1000 parameter types");
    }

    @Test
    void toStringHidesTheText() {
        assertThat(new Parse("s", "select 'secret-literal'", List.of()).toString()).doesNotContain("secret");
    }
}
