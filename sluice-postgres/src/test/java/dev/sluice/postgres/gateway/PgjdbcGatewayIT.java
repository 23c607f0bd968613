package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.AuditEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.copy.CopyManager;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.postgresql.util.PSQLException;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a pgjdbc user sees through the gateway, against a real PostgreSQL. */
class PgjdbcGatewayIT {

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.standard();

    private String table;

    @BeforeEach
    void freshTable() throws SQLException {
        table = "t_" + Long.toHexString(System.nanoTime());
        servers.executeDirectly("create table " + table + " (id int primary key, name text)");
    }

    @AfterEach
    void sessionsEndAndLeaveNoUpstreamConnections() {
        gateway().awaitNoSessions();
        servers.awaitNoUpstreamSessions();
    }

    @Test
    void simpleQueryProtocolReturnsRows() throws SQLException {
        try (Connection c = gateway().connect("preferQueryMode=simple");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select g, 'row ' || g from generate_series(1, 3) g")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + ":" + rs.getString(2));
            }
            assertThat(rows).containsExactly("1:row 1", "2:row 2", "3:row 3");
        }
    }

    @Test
    void extendedQueryBindsParameters() throws SQLException {
        try (Connection c = gateway().connect();
             PreparedStatement ps = c.prepareStatement("select ?::int + 1, upper(?)")) {
            ps.setInt(1, 41);
            ps.setString(2, "sluice");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
                assertThat(rs.getString(2)).isEqualTo("SLUICE");
            }
        }
    }

    @Test
    void serverPreparedStatementIsDecidedOnceAndEachExecutionRecorded() throws SQLException {
        String sql = "select count(*) from " + table + " where id > ?";
        try (Connection c = gateway().connect("prepareThreshold=1");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 3; i++) {
                ps.setInt(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
        List<AuditEvent.CommandDecided> decided = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.text().contains(table)).toList();
        assertThat(decided).hasSize(1);
        assertThat(decided.getFirst().parameterTypes()).hasSize(1);
        List<AuditEvent.CommandCompleted> completions = gateway().audit().events(AuditEvent.CommandCompleted.class)
                .stream().filter(e -> e.commandId().equals(decided.getFirst().commandId())).toList();
        assertThat(completions).hasSize(3).allSatisfy(e -> {
            assertThat(e.rows()).isEqualTo(1);
            assertThat(e.errorCode()).isEmpty();
        });
    }

    @Test
    void binaryTransferRoundTripsTypedValues() throws SQLException {
        try (Connection c = gateway().connect("binaryTransfer=true&prepareThreshold=1");
             PreparedStatement ps = c.prepareStatement(
                     "select ?::int8, ?::bytea, ?::numeric, timestamp '2024-02-29 12:34:56', ?::float8")) {
            for (int i = 0; i < 2; i++) {
                ps.setLong(1, 1L << 40);
                ps.setBytes(2, new byte[] {0, 1, 2, (byte) 0xFF});
                ps.setBigDecimal(3, new java.math.BigDecimal("12345.678"));
                ps.setDouble(4, 0.1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(1L << 40);
                    assertThat(rs.getBytes(2)).containsExactly(0, 1, 2, 0xFF);
                    assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("12345.678");
                    assertThat(rs.getTimestamp(4).toLocalDateTime())
                            .isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 12, 34, 56));
                    assertThat(rs.getDouble(5)).isEqualTo(0.1);
                }
            }
        }
    }

    @Test
    void batchInsertsEveryRowAndRecordsAffectedRows() throws SQLException {
        try (Connection c = gateway().connect();
             PreparedStatement ps = c.prepareStatement("insert into " + table + " values (?, ?)")) {
            for (int i = 0; i < 50; i++) {
                ps.setInt(1, i);
                ps.setString(2, "n" + i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).hasSize(50).containsOnly(1);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(50);
            }
        }
        String insertId = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.text().startsWith("insert into " + table)).findFirst().orElseThrow().commandId();
        long rows = gateway().audit().events(AuditEvent.CommandCompleted.class).stream()
                .filter(e -> e.commandId().equals(insertId)).mapToLong(AuditEvent.CommandCompleted::rows).sum();
        assertThat(rows).isEqualTo(50);
    }

    @Test
    void copyManagerCopiesInAndOut() throws Exception {
        try (Connection c = gateway().connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long in = copy.copyIn("COPY " + table + " FROM STDIN (FORMAT csv)",
                    new StringReader("1,one\n2,two\n3,three\n"));
            assertThat(in).isEqualTo(3);
            StringWriter out = new StringWriter();
            long outRows = copy.copyOut("COPY (select * from " + table + " order by id) TO STDOUT (FORMAT csv)",
                    out);
            assertThat(outRows).isEqualTo(3);
            assertThat(out.toString()).isEqualTo("1,one\n2,two\n3,three\n");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
        AuditEvent.CommandDecided copyIn = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.text().startsWith("COPY " + table)).findFirst().orElseThrow();
        assertThat(gateway().audit().events(AuditEvent.CommandCompleted.class))
                .anySatisfy(e -> {
                    assertThat(e.commandId()).isEqualTo(copyIn.commandId());
                    assertThat(e.rows()).isEqualTo(3);
                });
    }

    @Test
    void cancelStopsARunningQuery() throws Exception {
        try (Connection c = gateway().connect(); Statement s = c.createStatement()) {
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    s.execute("select pg_sleep(60)");
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            awaitQueryRunning("pg_sleep(60)");
            s.cancel();
            assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("57014"));
            try (ResultSet rs = s.executeQuery("select 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void notificationsCrossBetweenGatewaySessions() throws Exception {
        try (Connection listener = gateway().connect(); Connection notifier = gateway().connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN patient_events");
            }
            try (Statement s = notifier.createStatement()) {
                s.execute("NOTIFY patient_events, 'admitted'");
            }
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(10_000);
            assertThat(received).isNotNull().hasSize(1);
            assertThat(received[0].getName()).isEqualTo("patient_events");
            assertThat(received[0].getParameter()).isEqualTo("admitted");
        }
    }

    @Test
    void transactionRollsBackAfterAnError() throws SQLException {
        try (Connection c = gateway().connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into " + table + " values (1, 'kept?')");
                assertThatThrownBy(() -> s.execute("select * from no_such_table"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
                c.rollback();
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
        }
    }

    @Test
    void deniedDropIsRefusedWith42501AndTheNextQueryWorks() throws SQLException {
        for (String mode : List.of("preferQueryMode=simple", "preferQueryMode=extended")) {
            try (Connection c = gateway().connect(mode); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("drop table " + table))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> {
                            SQLException sql = (SQLException) e;
                            assertThat(sql.getSQLState()).isEqualTo("42501");
                            assertThat(sql.getMessage())
                                    .contains("SLUICE-DENY: DROP is not allowed on clinic (rule no-drop)");
                        });
                try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
        AuditEvent.CommandDecided denied = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.outcome().equals("deny")).findFirst().orElseThrow();
        assertThat(denied.rule()).isEqualTo("no-drop");
        assertThat(gateway().audit().events(AuditEvent.CommandCompleted.class))
                .anySatisfy(e -> {
                    assertThat(e.commandId()).isEqualTo(denied.commandId());
                    assertThat(e.errorCode()).isEqualTo("42501");
                });
    }

    @Test
    void deniedStatementInsideABatchLeavesTheConnectionUsable() throws SQLException {
        try (Connection c = gateway().connect(); Statement s = c.createStatement()) {
            s.addBatch("insert into " + table + " values (1, 'a')");
            s.addBatch("drop table " + table);
            s.addBatch("insert into " + table + " values (2, 'b')");
            assertThatThrownBy(s::executeBatch)
                    .isInstanceOf(BatchUpdateException.class)
                    .satisfies(e -> assertThat(rootSqlState((SQLException) e)).isEqualTo("42501"));
            try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                assertThat(rs.getInt(1)).as("the batch is one implicit transaction, rolled back as a whole")
                        .isZero();
            }
        }
    }

    @Test
    void deniedStatementAbortsTheSurroundingTransactionAsAnErrorWould() throws SQLException {
        try (Connection c = gateway().connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into " + table + " values (1, 'before the drop')");
                assertThatThrownBy(() -> s.execute("drop table " + table))
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
                try {
                    c.commit(); // PostgreSQL answers ROLLBACK; pgjdbc may or may not raise it
                } catch (SQLException expected) {
                    // raiseExceptionOnSilentRollback
                }
            }
            c.setAutoCommit(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void reviewIsRefusedWhenNoApprovalRequestCanBeRecorded() throws SQLException {
        try (Connection c = gateway().connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("truncate " + table))
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains("SLUICE-REVIEW: not approved")
                                .contains("approval requests cannot be recorded right now")
                                .contains("rule truncate-needs-review");
                    });
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void largeObjectsTravelThroughFastpathJudgedAndAuditedLikeStatements() throws Exception {
        byte[] content = "scanned consent form".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long oid;
        try (Connection c = gateway().connect()) {
            c.setAutoCommit(false);
            LargeObjectManager objects = c.unwrap(PGConnection.class).getLargeObjectAPI();
            oid = objects.createLO(LargeObjectManager.READWRITE);
            try (LargeObject object = objects.open(oid, LargeObjectManager.WRITE)) {
                object.write(content);
            }
            c.commit();
            try (LargeObject object = objects.open(oid, LargeObjectManager.READ)) {
                assertThat(object.read(content.length + 10)).isEqualTo(content);
            }
            c.commit();
        }
        List<AuditEvent.CommandDecided> calls = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.kinds().equals(List.of("FUNCTION_CALL"))).toList();
        assertThat(calls).as("lo_creat, lo_open, lowrite, lo_close, lo_open, loread, lo_close").hasSize(7)
                .allSatisfy(e -> {
                    assertThat(e.outcome()).isEqualTo("allow");
                    assertThat(e.text()).startsWith("fastpath call of function oid ");
                    assertThat(e.parameterCount()).isBetween(1, 2);
                });
        assertThat(calls.getFirst().text()).isEqualTo("fastpath call of function oid " + functionOid("lo_creat")
                + " (1 argument)");
        for (AuditEvent.CommandDecided call : calls) {
            assertThat(gateway().audit().await(AuditEvent.CommandCompleted.class,
                    e -> e.commandId().equals(call.commandId())).errorCode()).isEmpty();
        }
    }

    @Test
    void deniedFastpathCallIsRefusedWith42501AndTheSessionContinues() throws Exception {
        try (GatewayHarness guarded = GatewayHarness.start(servers.postgres(),
                GatewayHarness.Setup.defaults().policy(TestPolicies.guarded()));
             Connection c = guarded.connect()) {
            c.setAutoCommit(false);
            LargeObjectManager objects = c.unwrap(PGConnection.class).getLargeObjectAPI();
            assertThatThrownBy(() -> objects.createLO(LargeObjectManager.READWRITE))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains(
                                "SLUICE-DENY: fastpath function calls are not allowed (rule no-fastpath)");
                    });
            c.rollback();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 3")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            AuditEvent.CommandDecided denied = guarded.audit().await(AuditEvent.CommandDecided.class,
                    e -> e.kinds().equals(List.of("FUNCTION_CALL")));
            assertThat(denied.outcome()).isEqualTo("deny");
            assertThat(denied.rule()).isEqualTo("no-fastpath");
            assertThat(guarded.audit().await(AuditEvent.CommandCompleted.class,
                    e -> e.commandId().equals(denied.commandId())).errorCode()).isEqualTo("42501");
        }
    }

    @Test
    void badTokenIsRefusedWith28P01AndAudited() {
        String url = gateway().url("").replace("password=token-alice", "password=wrong");
        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).contains("SLUICE-AUTH: token not recognised");
                });
        AuditEvent.SessionRefused refused = gateway().audit().await(AuditEvent.SessionRefused.class,
                e -> e.code().equals("bad-credential"));
        assertThat(refused.connection()).isEqualTo("clinic");
        assertThat(refused.subject()).isEmpty();
        assertThat(refused.reason()).isEqualTo("token not recognised");
    }

    @Test
    void unknownDatabaseIsRefusedWith3D000() {
        String url = gateway().url("").replace("/clinic?", "/elsewhere?");
        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("3D000");
                    assertThat(e.getMessage()).contains("database \"elsewhere\" does not exist on this gateway");
                });
        gateway().audit().await(AuditEvent.SessionRefused.class,
                e -> e.code().equals("unknown-connection") && e.subject().equals("alice"));
    }

    @Test
    void identityWithoutAccessIsRefusedWith28000() {
        String url = gateway().url("").replace("password=token-alice", "password=token-bob");
        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("SLUICE-ACCESS: bob may not use connection \"clinic\"");
                });
        gateway().audit().await(AuditEvent.SessionRefused.class,
                e -> e.code().equals("no-access") && e.subject().equals("bob"));
    }

    @Test
    void anApplicationNameSetAfterStartupIsRecordedForTheSession() throws SQLException {
        // Without assumeMinServerVersion pgjdbc sends no application_name at startup and runs
        // SET application_name once connected: the audit log must still name the session.
        try (Connection c = gateway().connect("ApplicationName=late-named-job"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('application_name')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("late-named-job");
        }
        AuditEvent.ApplicationNameChanged named = gateway().audit().await(AuditEvent.ApplicationNameChanged.class,
                e -> e.applicationName().equals("late-named-job"));
        AuditEvent.SessionStarted started = gateway().audit().events(AuditEvent.SessionStarted.class).stream()
                .filter(e -> e.sessionId().equals(named.sessionId())).findFirst().orElseThrow();
        assertThat(started.applicationName()).isEmpty();
    }

    @Test
    void auditRecordsTheSessionItsCommandsAndRowCounts() throws SQLException {
        String sessionId;
        try (Connection c = gateway().connect("ApplicationName=audit-test&assumeMinServerVersion=10");
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("insert into " + table + " select g, 'x' from generate_series(1, 5) g"))
                    .isEqualTo(5);
            try (ResultSet rs = s.executeQuery("select * from " + table)) {
                int n = 0;
                while (rs.next()) {
                    n++;
                }
                assertThat(n).isEqualTo(5);
            }
            sessionId = gateway().audit().events(AuditEvent.SessionStarted.class).stream()
                    .filter(e -> e.applicationName().equals("audit-test")).findFirst().orElseThrow().sessionId();
        }
        AuditEvent.SessionStarted started = gateway().audit().events(AuditEvent.SessionStarted.class).stream()
                .filter(e -> e.sessionId().equals(sessionId)).findFirst().orElseThrow();
        assertThat(started.subject()).isEqualTo("alice");
        assertThat(started.connection()).isEqualTo("clinic");
        assertThat(started.protocol()).isEqualTo("postgresql");
        List<AuditEvent.CommandDecided> decided = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.sessionId().equals(sessionId) && e.text().contains(table)).toList();
        assertThat(decided).extracting(AuditEvent.CommandDecided::outcome).containsOnly("allow");
        List<Long> rows = decided.stream().map(d -> gateway().audit().events(AuditEvent.CommandCompleted.class)
                .stream().filter(e -> e.commandId().equals(d.commandId())).findFirst().orElseThrow().rows()).toList();
        assertThat(rows).containsExactly(5L, 5L);
        AuditEvent.SessionEnded ended = gateway().audit().await(AuditEvent.SessionEnded.class,
                e -> e.sessionId().equals(sessionId));
        assertThat(ended.reason()).isEqualTo("client-terminate");
        assertThat(ended.bytesFromClient()).isPositive();
        assertThat(ended.bytesToClient()).isPositive();
    }

    @Test
    void statementTimeoutCancelsLongCommands() throws Exception {
        try (GatewayHarness strict = GatewayHarness.start(servers.postgres(),
                GatewayHarness.limits(Duration.ofMinutes(5), Duration.ofMillis(500)));
             Connection c = strict.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("select pg_sleep(30)"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("57014");
                        // the client reads why, as with PostgreSQL's own statement_timeout, not "user request"
                        assertThat(e.getServerErrorMessage().getMessage())
                                .isEqualTo("canceling statement due to statement timeout");
                        assertThat(e.getServerErrorMessage().getDetail()).contains("SLUICE-LIMIT");
                    });
            try (ResultSet rs = s.executeQuery("select 4")) {
                assertThat(rs.next()).isTrue();
            }
            // the simple protocol (psql) gets the same explanation
            Psql.Result psql = Psql.to(strict).run("-c", "select pg_sleep(30)");
            assertThat(psql.exitCode()).isNotZero();
            assertThat(psql.err()).contains("canceling statement due to statement timeout")
                    .contains("SLUICE-LIMIT");
        }
    }

    private static long functionOid(String name) throws SQLException {
        try (Connection direct = servers.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = direct.prepareStatement("select oid from pg_proc where proname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static String rootSqlState(SQLException e) {
        SQLException next = e.getNextException();
        return next != null ? next.getSQLState() : e.getSQLState();
    }

    private static void awaitQueryRunning(String text) {
        GatewayHarness.await(() -> {
            try (Connection direct = servers.postgres().getPostgresDatabase().getConnection();
                 PreparedStatement ps = direct.prepareStatement(
                         "select count(*) from pg_stat_activity where state = 'active' and query like ?")) {
                ps.setString(1, "%" + text + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "query " + text + " to run");
    }

    private static GatewayHarness gateway() {
        return servers.gateway();
    }
}
