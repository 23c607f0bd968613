package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticationTest {

    @Test
    void okIsSubtypeZero() throws PgProtocolException {
        byte[] wire = of('R', int32(8), int32(0));

        assertThat(Authentication.Ok.INSTANCE.encode()).isEqualTo(wire);
        assertThat(Authentication.decode(bodyOf(wire))).isEqualTo(new Authentication.Ok());
    }

    @Test
    void cleartextPasswordIsSubtypeThree() throws PgProtocolException {
        byte[] wire = of('R', int32(8), int32(3));

        assertThat(Authentication.CleartextPassword.INSTANCE.encode()).isEqualTo(wire);
        assertThat(Authentication.decode(bodyOf(wire))).isEqualTo(new Authentication.CleartextPassword());
    }

    @Test
    void md5PasswordCarriesAFourByteSalt() throws PgProtocolException {
        byte[] salt = {1, 2, 3, (byte) 0xFF};
        byte[] wire = of('R', int32(12), int32(5), salt);

        assertThat(new Authentication.Md5Password(salt).encode()).isEqualTo(wire);
        assertThat(Authentication.decode(bodyOf(wire))).isEqualTo(new Authentication.Md5Password(salt));
    }

    @Test
    void saslListsMechanismsWithATerminator() throws PgProtocolException {
        byte[] wire = of('R', int32(4 + 4 + 14 + 19 + 1), int32(10), "SCRAM-SHA-256", NUL,
                "SCRAM-SHA-256-PLUS", NUL, NUL);
        Authentication.Sasl sasl = new Authentication.Sasl(List.of("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"));

        assertThat(sasl.encode()).isEqualTo(wire);
        assertThat(Authentication.decode(bodyOf(wire))).isEqualTo(sasl);
    }

    @Test
    void saslContinueAndFinalCarryTheRestOfTheBody() throws PgProtocolException {
        byte[] continueWire = of('R', int32(4 + 4 + 5), int32(11), "r=abc");
        byte[] finalWire = of('R', int32(4 + 4 + 5), int32(12), "v=xyz");

        assertThat(new Authentication.SaslContinue("r=abc".getBytes()).encode()).isEqualTo(continueWire);
        assertThat(new Authentication.SaslFinal("v=xyz".getBytes()).encode()).isEqualTo(finalWire);
        assertThat(Authentication.decode(bodyOf(continueWire)))
                .isEqualTo(new Authentication.SaslContinue("r=abc".getBytes()));
        assertThat(Authentication.decode(bodyOf(finalWire)))
                .isEqualTo(new Authentication.SaslFinal("v=xyz".getBytes()));
    }

    @Test
    void gssapiIsRefusedAsUnsupported() {
        assertThatThrownBy(() -> Authentication.decode(int32(7)))
                .isInstanceOf(PgProtocolException.class)
                .extracting(e -> ((PgProtocolException) e).sqlState()).isEqualTo("0A000");
    }

    @Test
    void unknownSubtypeIsAProtocolViolation() {
        assertThatThrownBy(() -> Authentication.decode(int32(99)))
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("99")
                .extracting(e -> ((PgProtocolException) e).sqlState()).isEqualTo("08P01");
    }

    @Test
    void trailingBytesAfterOkAreAProtocolViolation() {
        assertThatThrownBy(() -> Authentication.decode(of(int32(0), 1))).isInstanceOf(PgProtocolException.class);
    }

    @Test
    void truncatedSaltIsAProtocolViolation() {
        assertThatThrownBy(() -> Authentication.decode(of(int32(5), 1, 2))).isInstanceOf(PgProtocolException.class);
    }

    @Test
    void saslPayloadsAreNotPrinted() {
        assertThat(new Authentication.SaslFinal("v=signature".getBytes()).toString()).doesNotContain("signature");
        assertThat(new Authentication.SaslContinue("r=nonce".getBytes()).toString()).doesNotContain("nonce");
    }
}
