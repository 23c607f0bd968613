package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Secret;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.Authentication;
import dev.sluice.postgres.codec.backend.BackendKeyData;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.ErrorResponse;
import dev.sluice.postgres.codec.backend.ParameterStatus;
import dev.sluice.postgres.codec.backend.ReadyForQuery;
import dev.sluice.postgres.codec.frontend.PasswordMessage;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import dev.sluice.postgres.codec.frontend.StartupPhaseMessage;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Startup flows against a scripted upstream; the real-server flows are in {@code UpstreamConnectorIT}. */
class UpstreamConnectorTest {

    private static final Credentials APP = new Credentials("app", Optional.of(Secret.of("s3cret-pw")));
    private static final Credentials NO_PASSWORD = new Credentials("app", Optional.empty());

    private final UpstreamConnector connector = new UpstreamConnector();

    @Test
    void startupCarriesVaultedUserAndTargetDatabaseNotTheClients() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            ready(out);
        })) {
            Map<String, String> client = new LinkedHashMap<>();
            client.put("user", "mallory");
            client.put("database", "other");
            client.put("application_name", "psql");
            client.put("_pq_.compression", "on");

            connector.connect(upstream.target(TlsMode.DISABLE), APP, client, 8192).close();
            upstream.awaitScript();

            StartupMessage startup = (StartupMessage) StartupPhaseMessage.decode(upstream.received.getFirst().body());
            assertThat(startup.protocolVersion()).isEqualTo(StartupMessage.PROTOCOL_3_0);
            assertThat(startup.parameters()).containsExactly(entry("user", "app"), entry("database", "clinic"),
                    entry("application_name", "psql"));
        }
    }

    @Test
    void cleartextLoginReturnsAReadyConnectionPositionedAfterReadyForQuery() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(Authentication.CleartextPassword.INSTANCE.encode());
            peer.read(in);
            ready(out);
            out.write(ErrorResponse.of("XX000", "after ready").encode());
            out.flush();
            peer.read(in);
        })) {
            try (UpstreamConnection connection = connector.connect(upstream.target(TlsMode.DISABLE), APP, Map.of(),
                    8192)) {
                assertThat(connection.parameters()).containsExactly(entry("server_version", "17.7"),
                        entry("TimeZone", "UTC"));
                assertThat(connection.serverVersion()).isEqualTo("17.7");
                assertThat(connection.backendKey()).isEqualTo(new BackendKeyData(42, 4242));
                assertThat(connection.initialStatus()).isEqualTo(ReadyForQuery.TransactionStatus.IDLE);
                PgFrame next = new FrameReader(connection.in(), 8192).read();
                assertThat(next.typeChar()).isEqualTo('E');
                assertThat(ErrorResponse.decode(next.body()).fields().message()).isEqualTo("after ready");
            }
            upstream.awaitScript();

            assertThat(PasswordMessage.decode(upstream.received.get(1).body()).password()).isEqualTo("s3cret-pw");
            assertThat(upstream.received.get(2).typeChar()).as("Terminate on close").isEqualTo('X');
        }
    }

    @Test
    void md5LoginSendsTheSaltedHash() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(new Authentication.Md5Password(new byte[] {1, 2, 3, 4}).encode());
            peer.read(in);
            ready(out);
        })) {
            Credentials credentials = new Credentials("app", Optional.of(Secret.of("s3cret")));
            connector.connect(upstream.target(TlsMode.DISABLE), credentials, Map.of(), 8192).close();
            upstream.awaitScript();

            assertThat(PasswordMessage.decode(upstream.received.get(1).body()).password())
                    .isEqualTo("md51460f94130eb931937bbd6439ee8ab57");
        }
    }

    @Test
    void passwordRequestWithoutAConfiguredPasswordIsAClearError() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(Authentication.CleartextPassword.INSTANCE.encode());
            out.flush();
            peer.read(in);
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.DISABLE), NO_PASSWORD, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("user \"app\"")
                    .hasMessageContaining("no password configured")
                    .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("28000");
        }
    }

    @Test
    void authenticationOkWithoutScramServerProofIsRefused() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(new Authentication.Sasl(List.of("SCRAM-SHA-256")).encode());
            out.flush();
            peer.read(in);
            out.write(Authentication.Ok.INSTANCE.encode());
            ready(out);
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.DISABLE), APP, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("without proving it knows the password");
        }
    }

    @Test
    void saslWithoutScramSha256IsRefused() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(new Authentication.Sasl(List.of("SCRAM-SHA-256-PLUS")).encode());
            out.flush();
            peer.read(in);
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.DISABLE), APP, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("SCRAM-SHA-256-PLUS");
        }
    }

    @Test
    void startupErrorKeepsTheUpstreamSqlStateAndMessage() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(new ErrorResponse(ErrorFields.of("FATAL", "3D000", "database \"clinic\" does not exist"))
                    .encode());
            out.flush();
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.DISABLE), APP, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("database \"clinic\" does not exist")
                    .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("3D000");
        }
    }

    @Test
    void unexpectedMessageDuringAuthenticationIsAProtocolViolation() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(ReadyForQuery.IDLE.encode());
            out.flush();
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.DISABLE), APP, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("08P01");
        }
    }

    @Test
    void readyWithoutBackendKeyDataIsRefused() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(Authentication.Ok.INSTANCE.encode());
            out.write(ReadyForQuery.IDLE.encode());
            out.flush();
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.DISABLE), APP, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("BackendKeyData");
        }
    }

    @Test
    void oversizedStartupMessageFromUpstreamIsRefused() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write(Authentication.Ok.INSTANCE.encode());
            out.write(new ParameterStatus("big", "x".repeat(500)).encode());
            out.flush();
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.DISABLE), APP, Map.of(), 100))
                    .isInstanceOf(UpstreamException.class)
                    .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("54000");
        }
    }

    @Test
    void sslRequestAnsweredWithNIsRefused() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            out.write('N');
            out.flush();
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.REQUIRE), APP, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("refused TLS")
                    .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("08001");
        }
    }

    @Test
    void plaintextInjectedAfterTlsAcceptanceIsRefused() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            byte[] injected = Authentication.Ok.INSTANCE.encode();
            byte[] answer = new byte[1 + injected.length];
            answer[0] = 'S';
            System.arraycopy(injected, 0, answer, 1, injected.length);
            out.write(answer);
            out.flush();
            in.read();
        })) {
            assertThatThrownBy(() -> connector.connect(upstream.target(TlsMode.REQUIRE), APP, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("unencrypted data");
        }
    }

    @Test
    void silentUpstreamFailsTheStartupInsteadOfHanging() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream((peer, in, out) -> {
            peer.readStartup(in);
            in.read();
        })) {
            UpstreamConnector impatient = new UpstreamConnector(Duration.ofSeconds(5), Duration.ofMillis(200));

            assertThatThrownBy(() -> impatient.connect(upstream.target(TlsMode.DISABLE), APP, Map.of(), 8192))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("did not complete the startup");
        }
    }

    @Test
    void closedPortIsUnreachableWith08001() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Target target = new Target("127.0.0.1", port, "clinic", TlsMode.DISABLE, Optional.empty());

        assertThatThrownBy(() -> connector.connect(target, APP, Map.of(), 8192))
                .isInstanceOf(UpstreamException.class)
                .hasMessageStartingWith("upstream 127.0.0.1:" + port + " is unreachable: ")
                .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("08001");
    }

    @Test
    void cancellingAnUnreachableTargetReportsFailureWithoutThrowing() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Target target = new Target("127.0.0.1", port, "clinic", TlsMode.DISABLE, Optional.empty());

        assertThat(UpstreamCanceller.cancel(target, new BackendKeyData(1, 2))).isFalse();
    }

    /** AuthenticationOk and the rest of a normal startup answer. */
    private static void ready(OutputStream out) throws java.io.IOException {
        out.write(Authentication.Ok.INSTANCE.encode());
        out.write(new ParameterStatus("server_version", "17.7").encode());
        out.write(new ParameterStatus("TimeZone", "UTC").encode());
        out.write(new BackendKeyData(42, 4242).encode());
        out.write(ReadyForQuery.IDLE.encode());
        out.flush();
    }
}
