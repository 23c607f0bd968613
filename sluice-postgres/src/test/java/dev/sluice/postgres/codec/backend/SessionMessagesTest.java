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

/** ParameterStatus, BackendKeyData and NegotiateProtocolVersion: the rest of the startup answer. */
class SessionMessagesTest {

    @Test
    void parameterStatusIsTwoCStrings() throws PgProtocolException {
        byte[] wire = of('S', int32(4 + 15 + 5), "server_version", NUL, "17.7", NUL);

        assertThat(new ParameterStatus("server_version", "17.7").encode()).isEqualTo(wire);
        assertThat(ParameterStatus.decode(bodyOf(wire))).isEqualTo(new ParameterStatus("server_version", "17.7"));
    }

    @Test
    void parameterStatusWithoutValueIsAProtocolViolation() {
        assertThatThrownBy(() -> ParameterStatus.decode(of("server_version", NUL)))
                .isInstanceOf(PgProtocolException.class);
    }

    @Test
    void backendKeyDataIsTwoInt32s() throws PgProtocolException {
        byte[] wire = of('K', int32(12), int32(31337), int32(-559038737));

        assertThat(new BackendKeyData(31337, -559038737).encode()).isEqualTo(wire);
        assertThat(BackendKeyData.decode(bodyOf(wire))).isEqualTo(new BackendKeyData(31337, -559038737));
    }

    @Test
    void backendKeyDataNeverPrintsTheSecretKey() {
        assertThat(new BackendKeyData(31337, 123456789).toString()).contains("31337").doesNotContain("123456789");
    }

    @Test
    void backendKeyDataWithALongerKeyIsAProtocolViolation() {
        assertThatThrownBy(() -> BackendKeyData.decode(of(int32(1), int32(2), int32(3))))
                .isInstanceOf(PgProtocolException.class);
    }

    @Test
    void negotiateProtocolVersionListsUnrecognisedOptions() throws PgProtocolException {
        byte[] wire = of('v', int32(4 + 4 + 4 + 17), int32(0), int32(1), "_pq_.compression", NUL);
        NegotiateProtocolVersion message = new NegotiateProtocolVersion(0, List.of("_pq_.compression"));

        assertThat(message.encode()).isEqualTo(wire);
        assertThat(NegotiateProtocolVersion.decode(bodyOf(wire))).isEqualTo(message);
    }

    @Test
    void negotiateProtocolVersionWithAnImpossibleCountIsAProtocolViolation() {
        assertThatThrownBy(() -> NegotiateProtocolVersion.decode(of(int32(0), int32(1000))))
                .isInstanceOf(PgProtocolException.class);
    }
}
