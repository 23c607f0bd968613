package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOfUntyped;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupMessageTest {

    // Int32 length, Int32(196608), then name/value C strings and a final NUL.
    private static final byte[] PSQL_STARTUP = of(int32(4 + 4 + 9 + 16 + 22 + 1), int32(196608),
            "user", NUL, "app", NUL, "database", NUL, "clinic", NUL, "application_name", NUL, "psql", NUL, NUL);

    @Test
    void encodesParametersInOrderWithTerminator() {
        LinkedHashMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", "app");
        parameters.put("database", "clinic");
        parameters.put("application_name", "psql");

        assertThat(new StartupMessage(196608, parameters).encode()).isEqualTo(PSQL_STARTUP);
    }

    @Test
    void decodesToAStartupMessageKeepingWireOrder() throws PgProtocolException {
        StartupPhaseMessage decoded = StartupPhaseMessage.decode(bodyOfUntyped(PSQL_STARTUP));

        assertThat(decoded).isInstanceOf(StartupMessage.class);
        StartupMessage startup = (StartupMessage) decoded;
        assertThat(startup.protocolVersion()).isEqualTo(StartupMessage.PROTOCOL_3_0);
        assertThat(startup.parameters()).containsExactly(Map.entry("user", "app"), Map.entry("database", "clinic"),
                Map.entry("application_name", "psql"));
        assertThat(startup.user()).isEqualTo("app");
        assertThat(startup.database()).isEqualTo("clinic");
    }

    @Test
    void databaseDefaultsToTheUserName() throws PgProtocolException {
        StartupMessage startup = (StartupMessage) StartupPhaseMessage.decode(
                of(int32(196608), "user", NUL, "app", NUL, NUL));

        assertThat(startup.database()).isEqualTo("app");
    }

    @Test
    void missingUserIsAProtocolViolation() {
        assertThatThrownBy(() -> StartupPhaseMessage.decode(of(int32(196608), "database", NUL, "x", NUL, NUL)))
                .isInstanceOf(PgProtocolException.class)
                .hasMessage("no PostgreSQL user name specified in startup packet")
                .extracting(e -> ((PgProtocolException) e).sqlState()).isEqualTo("08P01");
    }

    @Test
    void unsupportedMajorVersionIsRefusedLikePostgresDoes() {
        assertThatThrownBy(() -> StartupPhaseMessage.decode(of(int32(2 << 16), "user", NUL, "app", NUL, NUL)))
                .isInstanceOf(PgProtocolException.class)
                .hasMessage("unsupported frontend protocol 2.0: server supports 3.0 to 3.0")
                .extracting(e -> ((PgProtocolException) e).sqlState()).isEqualTo("0A000");
    }

    @Test
    void newerMinorVersionIsKeptForNegotiation() throws PgProtocolException {
        StartupMessage startup = (StartupMessage) StartupPhaseMessage.decode(of(int32(196610),
                "user", NUL, "app", NUL, "_pq_.compression", NUL, "on", NUL, NUL));

        assertThat(startup.majorVersion()).isEqualTo(3);
        assertThat(startup.minorVersion()).isEqualTo(2);
        assertThat(startup.protocolOptions()).containsExactly("_pq_.compression");
    }

    @Test
    void missingTerminatorIsAProtocolViolation() {
        assertThatThrownBy(() -> StartupPhaseMessage.decode(of(int32(196608), "user", NUL, "app", NUL)))
                .isInstanceOf(PgProtocolException.class);
    }

    @Test
    void trailingBytesAfterTerminatorAreAProtocolViolation() {
        assertThatThrownBy(() -> StartupPhaseMessage.decode(of(int32(196608), "user", NUL, "app", NUL, NUL, 1)))
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("trailing");
    }
}
