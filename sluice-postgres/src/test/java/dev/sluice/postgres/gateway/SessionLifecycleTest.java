package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.core.session.SessionLimits;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.WireWriter;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.frontend.PasswordMessage;
import dev.sluice.postgres.codec.frontend.Query;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How sessions end when the upstream or the gateway itself goes away, against a fake upstream that can vanish or
 * misbehave on cue.
 */
class SessionLifecycleTest {

    @Test
    void upstreamThatVanishesMidQueryGivesTheClientFatal08006() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((in, out) -> in.read());
             GatewayHarness gateway = GatewayHarness.start(upstream.target(), SessionLimits.DEFAULTS);
             RawClient client = RawClient.loggedIn(gateway.port())) {
            client.send(new Query("select 1").encode());
            ErrorFields error = RawClient.error(client.readToEnd().getLast());
            assertThat(error.severity()).isEqualTo("FATAL");
            assertThat(error.sqlState()).isEqualTo("08006");
            assertThat(error.message()).contains("upstream connection lost");
            gateway.audit().await(AuditEvent.SessionEnded.class, e -> e.reason().equals("upstream-closed"));
            gateway.audit().await(AuditEvent.CommandCompleted.class, e -> e.errorCode().equals("08006"));
            gateway.awaitNoSessions();
        }
    }

    @Test
    void upstreamAnswerThatBelongsToNothingClosesTheSession() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((in, out) -> {
                in.read();
                out.write(WireWriter.message('1').toBytes());
                out.flush();
                in.read();
            });
             GatewayHarness gateway = GatewayHarness.start(upstream.target(), SessionLimits.DEFAULTS);
             RawClient client = RawClient.loggedIn(gateway.port())) {
            client.send(new Query("select 1").encode());
            ErrorFields error = RawClient.error(client.readToEnd().getLast());
            assertThat(error.sqlState()).isEqualTo("08P01");
            assertThat(error.message()).contains("lost track of the upstream conversation");
            gateway.audit().await(AuditEvent.SessionEnded.class, e -> e.reason().equals("protocol-error"));
        }
    }

    @Test
    void unreachableUpstreamIsRefusedWith08001WithoutNamingItsAddress() throws Exception {
        int port;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = gone.getLocalPort();
        }
        Target nowhere = new Target("127.0.0.1", port, "postgres", TlsMode.DISABLE, Optional.empty());
        try (GatewayHarness gateway = GatewayHarness.start(nowhere, SessionLimits.DEFAULTS);
             RawClient client = new RawClient(gateway.port())) {
            client.send(StartupMessage.of(Map.of("user", "alice", "database", "clinic")).encode());
            client.read();
            client.send(new PasswordMessage(TestIdentities.ALICE_TOKEN).encode());
            ErrorFields error = RawClient.error(client.readToEnd().getLast());
            assertThat(error.severity()).isEqualTo("FATAL");
            assertThat(error.sqlState()).isEqualTo("08001");
            assertThat(error.message()).isEqualTo("SLUICE-UPSTREAM: connection \"clinic\" is unavailable (08001)");
            AuditEvent.SessionRefused refused = gateway.audit().await(AuditEvent.SessionRefused.class,
                    e -> e.code().equals("upstream-unavailable"));
            assertThat(refused.subject()).isEqualTo("alice");
            assertThat(refused.reason()).contains("127.0.0.1:" + port);
            gateway.awaitNoSessions();
        }
    }

    @Test
    void closingTheListenerEndsOpenSessionsWith57P01() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((in, out) -> in.read())) {
            GatewayHarness gateway = GatewayHarness.start(upstream.target(), SessionLimits.DEFAULTS);
            try (RawClient client = RawClient.loggedIn(gateway.port())) {
                gateway.listener().close();
                List<PgFrame> last = client.readToEnd();
                assertThat(RawClient.error(last.getLast()).sqlState()).isEqualTo("57P01");
            }
            gateway.audit().await(AuditEvent.SessionEnded.class, e -> e.reason().equals("shutdown"));
            assertThat(gateway.sessions().openSessions()).isZero();
            assertThatThrownBy(() -> new Socket("127.0.0.1", gateway.port()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void drainLetsIdleSessionsRunUntilTheDeadlineThenClosesThem() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((in, out) -> in.read());
             GatewayHarness gateway = GatewayHarness.start(upstream.target(), SessionLimits.DEFAULTS);
             RawClient client = RawClient.loggedIn(gateway.port())) {
            assertThat(gateway.listener().drain(Duration.ofMillis(200))).isFalse();
            assertThat(RawClient.error(client.readToEnd().getLast()).sqlState()).isEqualTo("57P01");
            assertThat(gateway.listener().drain(Duration.ofMillis(200))).as("nothing left to drain").isTrue();
        }
    }

    @Test
    void drainReturnsAsSoonAsTheLastSessionEnds() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((in, out) -> in.read());
             GatewayHarness gateway = GatewayHarness.start(upstream.target(), SessionLimits.DEFAULTS);
             RawClient client = RawClient.loggedIn(gateway.port())) {
            gateway.listener().stopAccepting();
            client.send(WireWriter.message('X').toBytes());
            client.drainToClose();
            assertThat(gateway.listener().drain(Duration.ofSeconds(10))).isTrue();
        }
    }

    @Test
    void sessionLimitRefusesTheNextSessionWith53300() throws Exception {
        SessionLimits one = new SessionLimits(1, 1, Duration.ZERO, Duration.ZERO, 1 << 20);
        try (FakeUpstream upstream = new FakeUpstream((in, out) -> in.read());
             GatewayHarness gateway = GatewayHarness.start(upstream.target(), one);
             RawClient first = RawClient.loggedIn(gateway.port());
             RawClient second = new RawClient(gateway.port())) {
            second.send(StartupMessage.of(Map.of("user", "alice", "database", "clinic")).encode());
            second.read();
            second.send(new PasswordMessage(TestIdentities.ALICE_TOKEN).encode());
            ErrorFields error = RawClient.error(second.readToEnd().getLast());
            assertThat(error.sqlState()).isEqualTo("53300");
            assertThat(error.message()).startsWith("SLUICE-LIMIT:");
            gateway.audit().await(AuditEvent.SessionRefused.class, e -> e.code().equals("limit"));
            assertThat(gateway.sessions().openSessions()).as("the first session keeps its slot").isEqualTo(1);
            first.send(WireWriter.message('X').toBytes());
            first.drainToClose();
            gateway.awaitNoSessions();
        }
    }
}
