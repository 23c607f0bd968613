package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int16;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionCallTest {

    /** FunctionCall of oid 955 (lowrite): one binary format code, arguments int4 7 and NULL, binary result. */
    private static final byte[] LOWRITE = of('F', int32(4 + 4 + 2 + 2 + 2 + 4 + 4 + 4 + 2), int32(955), int16(1),
            int16(1), int16(2), int32(4), int32(7), int32(-1), int16(1));

    @Test
    void encodesOidFormatsArgumentsAndResultFormat() {
        assertThat(new FunctionCall(955, List.of(1), Arrays.asList(new byte[] {0, 0, 0, 7}, null), 1).encode())
                .isEqualTo(LOWRITE);
    }

    @Test
    void decodesItsOwnBody() throws PgProtocolException {
        FunctionCall call = FunctionCall.decode(bodyOf(LOWRITE));
        assertThat(call.functionOid()).isEqualTo(955);
        assertThat(call.argumentFormats()).containsExactly(1);
        assertThat(call.arguments()).hasSize(2);
        assertThat(call.arguments().get(0)).containsExactly(0, 0, 0, 7);
        assertThat(call.arguments().get(1)).isNull();
        assertThat(call.resultFormat()).isEqualTo(1);
    }

    @Test
    void oidsAreUnsigned() {
        assertThat(new FunctionCall(-1, List.of(), List.of(), 0).unsignedOid()).isEqualTo(4_294_967_295L);
    }

    @Test
    void argumentValuesNeverReachToString() {
        FunctionCall call = new FunctionCall(955, List.of(0), List.of("123-45-6789".getBytes()), 0);
        assertThat(call.toString()).isEqualTo("FunctionCall[oid=955, 1 arguments]").doesNotContain("123");
    }

    @Test
    void argumentCountBeyondTheBodyIsAProtocolViolation() {
        byte[] lying = of('F', int32(4 + 4 + 2 + 2 + 2), int32(955), int16(0), int16(1000), int16(0));
        assertThatThrownBy(() -> FunctionCall.decode(bodyOf(lying)))
                .isInstanceOf(PgProtocolException.class).hasMessageContaining("1000 arguments");
    }

    @Test
    void trailingBytesAreAProtocolViolation() {
        byte[] trailing = of('F', int32(4 + 4 + 2 + 2 + 2 + 1), int32(955), int16(0), int16(0), int16(0), new byte[1]);
        assertThatThrownBy(() -> FunctionCall.decode(bodyOf(trailing))).isInstanceOf(PgProtocolException.class);
    }
}
