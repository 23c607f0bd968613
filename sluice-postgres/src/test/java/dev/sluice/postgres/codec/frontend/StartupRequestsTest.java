package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.int16;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSLRequest, GSSENCRequest and CancelRequest: the fixed-size startup-phase requests. */
class StartupRequestsTest {

    @Test
    void sslRequestIsLength8AndCode1234Then5679() throws PgProtocolException {
        byte[] expected = of(int32(8), int16(1234), int16(5679));

        assertThat(SslRequest.INSTANCE.encode()).isEqualTo(expected);
        assertThat(StartupPhaseMessage.decode(of(int16(1234), int16(5679)))).isSameAs(SslRequest.INSTANCE);
    }

    @Test
    void gssEncRequestIsLength8AndCode1234Then5680() throws PgProtocolException {
        byte[] expected = of(int32(8), int16(1234), int16(5680));

        assertThat(GssEncRequest.INSTANCE.encode()).isEqualTo(expected);
        assertThat(StartupPhaseMessage.decode(of(int16(1234), int16(5680)))).isSameAs(GssEncRequest.INSTANCE);
    }

    @Test
    void cancelRequestCarriesProcessIdAndSecretKey() throws PgProtocolException {
        byte[] expected = of(int32(16), int16(1234), int16(5678), int32(4242), int32(0xCAFEBABE));

        assertThat(new CancelRequest(4242, 0xCAFEBABE).encode()).isEqualTo(expected);
        assertThat(StartupPhaseMessage.decode(of(int16(1234), int16(5678), int32(4242), int32(0xCAFEBABE))))
                .isEqualTo(new CancelRequest(4242, 0xCAFEBABE));
    }

    @Test
    void cancelRequestNeverPrintsItsSecretKey() {
        assertThat(new CancelRequest(4242, 987654321).toString()).contains("4242").doesNotContain("987654321");
    }

    @Test
    void sslRequestWithTrailingBytesIsAProtocolViolation() {
        assertThatThrownBy(() -> StartupPhaseMessage.decode(of(int16(1234), int16(5679), 0)))
                .isInstanceOf(PgProtocolException.class);
    }

    @Test
    void shortCancelRequestIsAProtocolViolation() {
        assertThatThrownBy(() -> StartupPhaseMessage.decode(of(int16(1234), int16(5678), int32(1))))
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void emptyBodyIsAProtocolViolation() {
        assertThatThrownBy(() -> StartupPhaseMessage.decode(new byte[0])).isInstanceOf(PgProtocolException.class);
    }
}
