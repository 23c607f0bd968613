package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.WireWriter;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.NegotiateProtocolVersion;
import dev.sluice.postgres.codec.frontend.Bind;
import dev.sluice.postgres.codec.frontend.CancelRequest;
import dev.sluice.postgres.codec.frontend.Execute;
import dev.sluice.postgres.codec.frontend.Parse;
import dev.sluice.postgres.codec.frontend.PasswordMessage;
import dev.sluice.postgres.codec.frontend.Query;
import dev.sluice.postgres.codec.frontend.SslRequest;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What real drivers never send, on a raw socket: malformed input, protocol corners and exact message order. After
 * each test a fresh pgjdbc client must still be served.
 */
class RawProtocolIT {

    private static final byte[] SYNC = WireWriter.message('S').toBytes();
    private static final byte[] FLUSH = WireWriter.message('H').toBytes();
    private static final byte[] DESCRIBE_PORTAL = WireWriter.message('D').int8('P').cstring("").toBytes();

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.standard();

    @AfterEach
    void aFreshClientIsStillServed() throws SQLException {
        try (Connection c = gateway().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 'still serving'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still serving");
        }
        gateway().awaitNoSessions();
        servers.awaitNoUpstreamSessions();
    }

    @Test
    void garbageBeforeStartupIsRefusedWithAProtocolViolation() throws IOException {
        try (RawClient client = new RawClient(gateway().port())) {
            client.send("GET / HTTP/1.1\r\nHost: gateway\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            List<PgFrame> answer = client.readToEnd();
            assertThat(answer).hasSize(1);
            ErrorFields error = RawClient.error(answer.getFirst());
            assertThat(error.severity()).isEqualTo("FATAL");
            assertThat(error.sqlState()).isEqualTo("08P01");
        }
    }

    @Test
    void unsupportedProtocolMajorVersionIsRefusedWith0A000() throws IOException {
        try (RawClient client = new RawClient(gateway().port())) {
            client.send(new StartupMessage(2 << 16, Map.of("user", "alice")).encode());
            ErrorFields error = RawClient.error(client.readToEnd().getFirst());
            assertThat(error.sqlState()).isEqualTo("0A000");
            assertThat(error.message()).contains("unsupported frontend protocol 2.0");
        }
    }

    @Test
    void newerMinorProtocolVersionIsNegotiatedDownToThreeZero() throws IOException {
        try (RawClient client = new RawClient(gateway().port())) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("user", "alice");
            parameters.put("database", GatewayHarness.CONNECTION);
            parameters.put("_pq_.compression", "on");
            client.send(new StartupMessage((3 << 16) | 2, parameters).encode());
            PgFrame negotiate = client.read();
            assertThat(negotiate.typeChar()).isEqualTo('v');
            assertThat(NegotiateProtocolVersion.decode(negotiate.body()))
                    .isEqualTo(new NegotiateProtocolVersion(0, List.of("_pq_.compression")));
            assertThat(client.read().typeChar()).isEqualTo('R');
            client.send(new PasswordMessage(TestIdentities.ALICE_TOKEN).encode());
            assertThat(client.readUntil('Z').getLast().typeChar()).isEqualTo('Z');
            client.send(new Query("select 1").encode());
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    @Test
    void sslRequestIsDeclinedWhenTheListenerHasNoCertificate() throws IOException {
        try (RawClient client = new RawClient(gateway().port())) {
            client.send(SslRequest.INSTANCE.encode());
            assertThat(client.readByte()).isEqualTo('N');
            client.send(StartupMessage.of(Map.of("user", "alice", "database", "clinic")).encode());
            assertThat(client.read().typeChar()).isEqualTo('R');
        }
    }

    @Test
    void truncatedMessageIsAProtocolViolation() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new byte[] {'Q', 0, 0, 0, 100, 's', 'e', 'l'});
            client.shutdownOutput();
            ErrorFields error = RawClient.error(client.readToEnd().getLast());
            assertThat(error.severity()).isEqualTo("FATAL");
            assertThat(error.sqlState()).isEqualTo("08P01");
            assertThat(error.message()).contains("truncated");
        }
        gateway().audit().await(AuditEvent.SessionEnded.class, e -> e.reason().equals("protocol-error"));
    }

    @Test
    void oversizedMessageIsRefusedWith54000BeforeItsBodyArrives() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new byte[] {'Q', 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            ErrorFields error = RawClient.error(client.readToEnd().getLast());
            assertThat(error.sqlState()).isEqualTo("54000");
        }
    }

    @Test
    void unknownMessageTypeAfterStartupClosesWith08P01() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(WireWriter.message('z').cstring("what is this").toBytes());
            ErrorFields error = RawClient.error(client.readToEnd().getLast());
            assertThat(error.severity()).isEqualTo("FATAL");
            assertThat(error.sqlState()).isEqualTo("08P01");
            assertThat(error.message()).contains("unexpected message type 'z'");
        }
    }

    @Test
    void passwordMessageAfterStartupIsAProtocolViolation() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new PasswordMessage("again").encode());
            assertThat(RawClient.error(client.readToEnd().getLast()).sqlState()).isEqualTo("08P01");
        }
    }

    @Test
    void cancelRequestWithAnUnknownKeyIsIgnoredSilently() throws IOException {
        try (RawClient victim = RawClient.loggedIn(gateway().port());
             RawClient client = new RawClient(gateway().port())) {
            client.send(new CancelRequest(12345, 67890).encode());
            assertThat(client.readToEnd()).isEmpty();
            victim.send(new Query("select 5").encode());
            assertThat(RawClient.types(victim.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    @Test
    void deniedParseInAPipelineAnswersExactlyWherePostgresWould() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new Parse("", "select 1", List.of()).encode(), bind(), DESCRIBE_PORTAL, execute(),
                    new Parse("", "drop table pg_class", List.of()).encode(), bind(), execute(), SYNC);
            List<PgFrame> answer = client.readUntil('Z');
            assertThat(RawClient.types(answer)).isEqualTo("12TDCEZ");
            ErrorFields error = RawClient.error(answer.get(5));
            assertThat(error.sqlState()).isEqualTo("42501");
            assertThat(error.message()).startsWith("SLUICE-DENY: DROP is not allowed on clinic");
            client.send(new Query("select 6").encode());
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    @Test
    void deniedParseAfterAnUpstreamErrorInTheSameUnitAddsNothing() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new Parse("", "select * from no_such_table", List.of()).encode(), bind(), execute(),
                    new Parse("", "drop table pg_class", List.of()).encode(), bind(), execute(), SYNC);
            List<PgFrame> answer = client.readUntil('Z');
            assertThat(RawClient.types(answer)).isEqualTo("EZ");
            assertThat(RawClient.error(answer.getFirst()).sqlState()).isEqualTo("42P01");
        }
    }

    @Test
    void flushShowsTheRefusalBeforeSync() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new Parse("s1", "drop table pg_class", List.of()).encode(), FLUSH);
            assertThat(RawClient.error(client.read()).sqlState()).isEqualTo("42501");
            client.send(SYNC);
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("Z");
        }
    }

    @Test
    void pipelinedSimpleQueriesKeepTheirOrderAroundARefusal() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new Query("select 1").encode(), new Query("select 1; drop table pg_class").encode(),
                    new Query("select 2").encode());
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("TDCZ");
            List<PgFrame> refused = client.readUntil('Z');
            assertThat(RawClient.types(refused)).as("one decision for the whole string: nothing of it runs")
                    .isEqualTo("EZ");
            assertThat(RawClient.error(refused.getFirst()).sqlState()).isEqualTo("42501");
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    @Test
    void emptyQueryIsAnsweredAsPostgresWould() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new Query("").encode());
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("IZ");
        }
    }

    @Test
    void portalSuspendedKeepsThePortalOpenForTheNextExecute() throws IOException {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new Query("begin").encode());
            client.readUntil('Z');
            client.send(new Parse("", "select g from generate_series(1, 5) g", List.of()).encode(), bind(),
                    new Execute("", 2).encode(), new Execute("", 0).encode(), SYNC);
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("12DDsDDDCZ");
            client.send(new Query("commit").encode());
            client.readUntil('Z');
        }
    }

    @Test
    void idleSessionIsClosedWith57P05() throws IOException {
        try (GatewayHarness impatient = GatewayHarness.start(servers.postgres(),
                GatewayHarness.limits(Duration.ofMillis(300), Duration.ZERO));
             RawClient client = RawClient.loggedIn(impatient.port())) {
            List<PgFrame> last = client.readToEnd();
            ErrorFields error = RawClient.error(last.getLast());
            assertThat(error.severity()).isEqualTo("FATAL");
            assertThat(error.sqlState()).isEqualTo("57P05");
            impatient.audit().await(AuditEvent.SessionEnded.class, e -> e.reason().equals("idle-timeout"));
        }
    }

    @Test
    void serverEndingTheSessionReachesTheClientAsItsOwnFatalError() throws Exception {
        try (RawClient client = RawClient.loggedIn(gateway().port())) {
            client.send(new Query("select pg_terminate_backend(pg_backend_pid())").encode());
            List<PgFrame> frames = client.readToEnd();
            ErrorFields error = RawClient.error(frames.getLast());
            assertThat(error.severity()).isEqualTo("FATAL");
            assertThat(error.sqlState()).as("the server's own FATAL, not a second one from the gateway")
                    .isEqualTo("57P01");
        }
        gateway().audit().await(AuditEvent.SessionEnded.class, e -> e.reason().equals("upstream-closed"));
    }

    private static byte[] bind() {
        return new Bind("", "", List.of(), List.of(), List.of()).encode();
    }

    private static byte[] execute() {
        return new Execute("", 0).encode();
    }

    private static GatewayHarness gateway() {
        return servers.gateway();
    }
}
