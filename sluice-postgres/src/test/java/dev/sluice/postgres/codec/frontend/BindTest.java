package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int16;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BindTest {

    /** Bind portal "p" from "s": one text format, values "42" and NULL, one binary result format. */
    private static final byte[] BIND = of('B', int32(4 + 2 + 2 + 2 + 2 + 2 + 4 + 2 + 4 + 2 + 2), "p", NUL, "s", NUL,
            int16(1), int16(0), int16(2), int32(2), "42", int32(-1), int16(1), int16(1));

    private static Bind sample() {
        return new Bind("p", "s", List.of(0), Arrays.asList("42".getBytes(StandardCharsets.UTF_8), null),
                List.of(1));
    }

    @Test
    void encodesFormatsValuesAndNulls() {
        assertThat(sample().encode()).isEqualTo(BIND);
    }

    @Test
    void decodesItsOwnBody() throws PgProtocolException {
        Bind bind = Bind.decode(bodyOf(BIND));
        assertThat(bind.portal()).isEqualTo("p");
        assertThat(bind.statement()).isEqualTo("s");
        assertThat(bind.parameterFormats()).containsExactly(0);
        assertThat(bind.parameters()).hasSize(2);
        assertThat(bind.parameters().get(0)).isEqualTo("42".getBytes(StandardCharsets.UTF_8));
        assertThat(bind.parameters().get(1)).isNull();
        assertThat(bind.resultFormats()).containsExactly(1);
    }

    @Test
    void minimalBindOfUnnamedPortalAndStatement() throws PgProtocolException {
        byte[] bytes = of('B', int32(4 + 1 + 1 + 2 + 2 + 2), NUL, NUL, int16(0), int16(0), int16(0));
        assertThat(new Bind("", "", List.of(), List.of(), List.of()).encode()).isEqualTo(bytes);
        assertThat(Bind.decode(bodyOf(bytes)).parameters()).isEmpty();
    }

    @Test
    void valueLongerThanTheBodyIsAProtocolViolation() {
        assertThatThrownBy(() -> Bind.decode(of(NUL, NUL, int16(0), int16(1), int32(100), "ab", int16(0))))
                .isInstanceOf(PgProtocolException.class);
    }

    @Test
    void negativeValueLengthOtherThanNullIsAProtocolViolation() {
        assertThatThrownBy(() -> Bind.decode(of(NUL, NUL, int16(0), int16(1), int32(-2), int16(0))))
                .isInstanceOf(PgProtocolException.class);
    }

    @Test
    void toStringHidesParameterValues() {
        Bind bind = new Bind("", "", List.of(), List.of("123-45-6789".getBytes(StandardCharsets.UTF_8)), List.of());
        assertThat(bind.toString()).doesNotContain("123-45-6789").contains("1 parameters");
    }
}
