package dev.sluice.store;

import dev.sluice.core.audit.AuditUnavailableException;
import dev.sluice.core.audit.ChainVerification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sluice.store.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract on a real PostgreSQL (zonky embedded, one server for the class, a database per test). */
class PostgresStoreIT extends StoreContract {

    /** The server trusts local connections; the password is there to prove it never shows. */
    private static final String PASSWORD = "Pw-n0t-t0-be-seen";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres postgres;
    private String database;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected String newStoreUrl() throws SQLException {
        database = "store_" + DATABASES.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
        return "postgresql://postgres:" + PASSWORD + "@localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database,
                "postgres", "");
    }

    @Override
    protected void allowTampering(Statement raw) throws SQLException {
        raw.execute("ALTER TABLE audit_events DISABLE TRIGGER USER");
    }

    @Override
    protected void makeAuditWritesFail(Statement raw) throws SQLException {
        // A rejected row's DETAIL would echo its values; the store keeps DETAIL out of messages.
        raw.execute("ALTER TABLE audit_events ADD CONSTRAINT test_refuses_writes CHECK (seq < 0) NOT VALID");
    }

    @Override
    protected void allowAuditWrites(Statement raw) throws SQLException {
        raw.execute("ALTER TABLE audit_events DROP CONSTRAINT test_refuses_writes");
    }

    @Test
    void aWriterWhoseServerConnectionIsCutReconnectsAndLosesNoSubmittedEvent() throws Exception {
        JdbcAuditLog auditLog;
        try (Store store = Store.open(url)) {
            auditLog = store.auditLog(false, FAST_RETRIES);
            auditLog.append(TestEvents.decided("s-1", T0, "c0")); // the writer's connection is open
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 Statement sql = admin.createStatement()) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
            for (int i = 1; i <= 50; i++) {
                auditLog.submit(TestEvents.decided("s-1", T0, "c" + i));
            }
            auditLog.close();
        }

        assertThat(auditLog.lostEvents()).isZero();
        // A new store: the old one's pooled reader connections were cut too (the pool replaces them lazily).
        try (Store store = Store.open(url)) {
            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(51));
        }
    }

    @Test
    void twoReplicasWritingConcurrentlyKeepOneLinearVerifiableChain() throws Exception {
        int threadsPerReplica = 8;
        int eventsPerThread = 60;
        try (Store replicaA = Store.open(url); Store replicaB = Store.open(url)) {
            JdbcAuditLog logA = replicaA.auditLog(true);
            JdbcAuditLog logB = replicaB.auditLog(false);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 2 * threadsPerReplica; t++) {
                    JdbcAuditLog log = t % 2 == 0 ? logA : logB;
                    String session = "s-" + t;
                    done.add(executor.submit(() -> {
                        for (int i = 0; i < eventsPerThread; i++) {
                            var event = TestEvents.decided(session, T0.plusMillis(i), session + "/" + i);
                            if (i % 4 == 0) {
                                log.append(event);
                            } else {
                                log.submit(event);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            logA.close();
            logB.close();

            long total = 2L * threadsPerReplica * eventsPerThread;
            assertThat(replicaA.auditReader().verify()).isEqualTo(ChainVerification.intact(total));
            assertThat(replicaB.auditReader().events("s-3")).extracting(TestEvents::commandId)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, eventsPerThread)
                            .mapToObj(i -> "s-3/" + i).toList());
        }
        try (Connection raw = rawConnection()) {
            assertThat(count(raw, "SELECT count(DISTINCT seq) FROM audit_events")).isEqualTo(2L * 8 * 60);
        }
    }

    @Test
    void aStoreThatGoesAwayFailsAppendWithoutShowingThePassword() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(true, FAST_RETRIES);
            auditLog.append(TestEvents.decided("s-1", T0, "c0"));
            // The database goes away: no new connections, and the pool's connections are cut.
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 Statement sql = admin.createStatement()) {
                sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }

            assertThatThrownBy(() -> auditLog.append(TestEvents.decided("s-1", T0, "c1")))
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasMessageContaining("could not record")
                    .satisfies(e -> assertThat(messagesOf(e)).doesNotContain(PASSWORD));
            assertThat(store.toString()).doesNotContain(PASSWORD).contains("postgres:***@localhost");
        }
    }

    @Test
    void aStoreThatCannotBeReachedFailsToOpenWithoutShowingThePassword() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "postgresql://sluice:" + PASSWORD + "@127.0.0.1:" + closedPort + "/sluice";

        assertThatThrownBy(() -> Store.open(unreachable))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("postgresql://sluice:***@127.0.0.1:" + closedPort + "/sluice")
                .satisfies(e -> assertThat(messagesOf(e)).doesNotContain(PASSWORD));
    }

    @Test
    void theJdbcFormOfTheUrlIsAccepted() throws Exception {
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database
                + "?user=postgres&password=" + PASSWORD;
        try (Store store = Store.open(jdbcUrl)) {
            store.auditLog(false).append(TestEvents.started("s-1", T0));

            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(1));
            assertThat(store.toString()).doesNotContain(PASSWORD);
        }
    }
}
