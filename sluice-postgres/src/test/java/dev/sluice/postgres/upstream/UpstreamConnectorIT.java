package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Secret;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.WireWriter;
import dev.sluice.postgres.codec.backend.ErrorResponse;
import dev.sluice.postgres.codec.backend.ReadyForQuery;
import dev.sluice.postgres.gateway.GatewayHarness;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connector against a real PostgreSQL 17 whose pg_hba.conf gives each role a different authentication method,
 * with TLS on (self-signed certificate for {@code localhost}).
 */
class UpstreamConnectorIT {

    /** Changes under SASLprep: the ligature NFKC-normalises to "fi", the no-break space maps to a space. */
    private static final String UNICODE_PASSWORD = "\uFB01le\u00A0cabinet";

    @TempDir
    static Path certificates;

    private static EmbeddedPostgres postgres;
    private static SelfSignedCertificate serverCertificate;
    private static SelfSignedCertificate otherCertificate;

    private final UpstreamConnector connector = new UpstreamConnector();

    @BeforeAll
    static void startPostgres() throws Exception {
        serverCertificate = SelfSignedCertificate.generate(certificates, "server", "dns:localhost");
        otherCertificate = SelfSignedCertificate.generate(certificates, "impostor", "dns:localhost");
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setDataDirectoryCustomizer(UpstreamConnectorIT::configureDataDirectory)
                .start();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE trust_user LOGIN");
            sql.execute("CREATE ROLE clear_user LOGIN PASSWORD 'clear-pw'");
            sql.execute("SET password_encryption = 'md5'");
            sql.execute("CREATE ROLE md5_user LOGIN PASSWORD 'md5-pw'");
            sql.execute("SET password_encryption = 'scram-sha-256'");
            sql.execute("CREATE ROLE scram_user LOGIN PASSWORD 'scram-pw'");
            sql.execute("CREATE ROLE scram_unicode LOGIN PASSWORD '" + UNICODE_PASSWORD + "'");
        }
    }

    /** Runs after initdb, before the server starts: authentication per role, and the TLS key pair. */
    private static void configureDataDirectory(java.io.File dataDirectory) {
        Path data = dataDirectory.toPath();
        try {
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                    "local all all trust",
                    "host all trust_user all trust",
                    "host all clear_user all password",
                    "host all md5_user all md5",
                    "host all scram_user,scram_unicode all scram-sha-256",
                    "host all all all trust",
                    ""));
            Files.copy(serverCertificate.certificatePem(), data.resolve("server.crt"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.copy(serverCertificate.privateKeyPem(), data.resolve("server.key"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(data.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NONE", value = {
            "trust_user, NONE",
            "clear_user, clear-pw",
            "md5_user, md5-pw",
            "scram_user, scram-pw"})
    void eachAuthenticationMethodLogsInAndReportsTheSession(String user, String password) throws Exception {
        try (UpstreamConnection connection = connector.connect(target(TlsMode.DISABLE), credentials(user, password),
                Map.of("application_name", "sluice-it"), 1 << 20)) {
            assertThat(connection.serverVersion()).startsWith("17");
            assertThat(connection.parameters()).containsEntry("application_name", "sluice-it")
                    .containsEntry("session_authorization", user);
            assertThat(connection.initialStatus()).isEqualTo(ReadyForQuery.TransactionStatus.IDLE);
            assertThat(connection.backendKey().processId()).isPositive();
            assertThat(singleValue(connection, "SELECT pg_backend_pid()"))
                    .isEqualTo(Integer.toString(connection.backendKey().processId()));
        }
    }

    @Test
    void scramPasswordIsSaslPrepared() throws Exception {
        try (UpstreamConnection connection = connector.connect(target(TlsMode.DISABLE),
                credentials("scram_unicode", UNICODE_PASSWORD), Map.of(), 1 << 20)) {
            assertThat(singleValue(connection, "SELECT current_user")).isEqualTo("scram_unicode");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"clear_user", "md5_user", "scram_user"})
    void wrongPasswordFailsWith28P01AndNeverShowsThePassword(String user) {
        String wrong = "not-the-Password-42";

        assertThatThrownBy(() -> connector.connect(target(TlsMode.DISABLE), credentials(user, wrong), Map.of(), 1 << 20))
                .isInstanceOf(UpstreamException.class)
                .hasMessage("upstream authentication failed for user \"" + user + "\" (28P01)")
                .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(wrong))
                .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("28P01");
    }

    @Test
    void unknownDatabaseKeepsTheUpstreamSqlState() {
        Target target = new Target("localhost", postgres.getPort(), "no_such_db", TlsMode.DISABLE, Optional.empty());

        assertThatThrownBy(() -> connector.connect(target, credentials("trust_user", null), Map.of(), 1 << 20))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("\"no_such_db\" does not exist")
                .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("3D000");
    }

    @Test
    void tlsRequireEncryptsTheSession() throws Exception {
        try (UpstreamConnection connection = connector.connect(target(TlsMode.REQUIRE),
                credentials("scram_user", "scram-pw"), Map.of(), 1 << 20)) {
            assertThat(singleValue(connection, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                    .isEqualTo("t");
        }
    }

    @Test
    void verifyFullAcceptsTheServerSignedByTheConfiguredCa() throws Exception {
        Target target = new Target("localhost", postgres.getPort(), "postgres", TlsMode.VERIFY_FULL,
                Optional.of(serverCertificate.certificatePem()));

        try (UpstreamConnection connection = connector.connect(target, credentials("md5_user", "md5-pw"), Map.of(),
                1 << 20)) {
            assertThat(singleValue(connection, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
                    .isEqualTo("t");
        }
    }

    @Test
    void verifyFullRefusesACertificateFromAnotherCa() {
        Target target = new Target("localhost", postgres.getPort(), "postgres", TlsMode.VERIFY_FULL,
                Optional.of(otherCertificate.certificatePem()));

        assertThatThrownBy(() -> connector.connect(target, credentials("md5_user", "md5-pw"), Map.of(), 1 << 20))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("TLS handshake with upstream localhost:" + postgres.getPort() + " failed")
                .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("08001");
    }

    @Test
    void verifyFullRefusesAHostNameTheCertificateDoesNotName() {
        Target byAddress = new Target("127.0.0.1", postgres.getPort(), "postgres", TlsMode.VERIFY_FULL,
                Optional.of(serverCertificate.certificatePem()));

        assertThatThrownBy(() -> connector.connect(byAddress, credentials("md5_user", "md5-pw"), Map.of(), 1 << 20))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("127.0.0.1")
                .hasMessageContaining("TLS handshake")
                .extracting(e -> ((UpstreamException) e).sqlState()).isEqualTo("08001");
    }

    @ParameterizedTest
    @EnumSource(value = TlsMode.class, names = {"DISABLE", "REQUIRE"})
    void cancelStopsARunningQueryWith57014(TlsMode tls) throws Exception {
        Target target = target(tls);
        try (UpstreamConnection connection = connector.connect(target, credentials("scram_user", "scram-pw"),
                Map.of(), 1 << 20)) {
            sendQuery(connection, "SELECT pg_sleep(30)");
            awaitActiveSleep(connection.backendKey().processId());

            assertThat(UpstreamCanceller.cancel(target, connection.backendKey())).isTrue();

            List<PgFrame> answer = readUntilReady(connection);
            PgFrame error = answer.stream().filter(f -> f.typeChar() == ErrorResponse.TYPE).findFirst().orElseThrow();
            assertThat(ErrorResponse.decode(error.body()).fields().sqlState()).isEqualTo("57014");
            assertThat(singleValue(connection, "SELECT 'still usable'")).isEqualTo("still usable");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsMode.class, names = {"DISABLE", "REQUIRE"})
    void closeUnblocksAThreadReadingTheConnection(TlsMode tls) throws Exception {
        UpstreamConnection connection = connector.connect(target(tls), credentials("trust_user", null), Map.of(),
                1 << 20);
        java.util.concurrent.CompletableFuture<Integer> read = new java.util.concurrent.CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                read.complete(connection.in().read());
            } catch (IOException e) {
                read.complete(-2);
            }
        });
        awaitIdleClientReading(connection.backendKey().processId());

        connection.close();

        assertThat(read.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("EOF or I/O error").isNegative();
        reader.join();
        assertThat(connection.isClosed()).isTrue();
    }

    private static Target target(TlsMode tls) {
        return new Target("localhost", postgres.getPort(), "postgres", tls, Optional.empty());
    }

    private static Credentials credentials(String user, String password) {
        return new Credentials(user, Optional.ofNullable(password).map(Secret::of));
    }

    private static void sendQuery(UpstreamConnection connection, String sql) throws IOException {
        connection.out().write(WireWriter.message('Q').cstring(sql).toBytes());
        connection.out().flush();
    }

    private static List<PgFrame> readUntilReady(UpstreamConnection connection) throws IOException {
        FrameReader frames = new FrameReader(connection.in(), 1 << 20);
        List<PgFrame> answer = new ArrayList<>();
        PgFrame frame;
        do {
            frame = frames.read();
            assertThat(frame).as("upstream closed before ReadyForQuery").isNotNull();
            answer.add(frame);
        } while (frame.typeChar() != ReadyForQuery.TYPE);
        return answer;
    }

    /** Runs a simple query and returns the text of the one column of its one row. */
    private static String singleValue(UpstreamConnection connection, String sql) throws IOException {
        sendQuery(connection, sql);
        for (PgFrame frame : readUntilReady(connection)) {
            if (frame.typeChar() == 'D') {
                var body = new dev.sluice.postgres.codec.BodyReader(frame.body());
                assertThat(body.int16()).isEqualTo(1);
                return new String(body.bytes(body.int32()), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no DataRow for " + sql);
    }

    /** Waits (by polling pg_stat_activity, not by sleeping blind) until the backend is inside pg_sleep. */
    private static void awaitActiveSleep(int pid) throws SQLException {
        awaitBackend(pid, "state = 'active' AND wait_event = 'PgSleep'", "backend " + pid + " to start sleeping");
    }

    /** The backend exists and is idle: the reader thread is then blocked with nothing to read. */
    private static void awaitIdleClientReading(int pid) throws SQLException {
        awaitBackend(pid, "state = 'idle'", "backend " + pid + " to become idle");
    }

    private static void awaitBackend(int pid, String condition, String what) throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             PreparedStatement query = admin.prepareStatement(
                     "SELECT 1 FROM pg_stat_activity WHERE pid = ? AND " + condition)) {
            query.setInt(1, pid);
            GatewayHarness.await(() -> {
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                } catch (SQLException e) {
                    throw new AssertionError("polling pg_stat_activity failed", e);
                }
            }, what);
        }
    }

    private static String stackTraceOf(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
