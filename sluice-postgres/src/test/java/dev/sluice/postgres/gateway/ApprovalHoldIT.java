package dev.sluice.postgres.gateway;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.Policy;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.frontend.Query;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A statement held for approval, as psql, pgjdbc and the wire see it: the notice arrives at once, the statement runs
 * only once approved, a rejection or timeout is an ordinary error that leaves the session usable (and a transaction
 * aborted, as any error would), and a cancel or kill withdraws the request.
 */
class ApprovalHoldIT {

    private static final ManualApprovals approvals = new ManualApprovals();

    /** TRUNCATE waits up to two minutes for the dba group; ANALYZE waits one second (for the timeout test). */
    private static final Policy POLICY = (session, command) -> switch (command) {
        case SqlCommand sql when sql.kinds().contains("TRUNCATE") -> new Decision.Review("truncate-needs-review",
                "emptying a table needs a DBA", List.of("dba"), 1, Duration.ofMinutes(2), List.of());
        case SqlCommand sql when sql.kinds().contains("ANALYZE") -> new Decision.Review("quick-review", "",
                List.of(), 2, Duration.ofSeconds(1), List.of());
        case SqlCommand sql -> Decision.allow();
    };

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.with(dir -> GatewayHarness.Setup.defaults()
            .policy(POLICY).approvals(approvals));

    private String table;

    @BeforeEach
    void tableWithRows() throws SQLException {
        table = "t_" + Long.toHexString(System.nanoTime());
        servers.executeDirectly("create table " + table + " (id int primary key)");
        servers.executeDirectly("insert into " + table + " select generate_series(1, 3)");
    }

    @AfterEach
    void sessionsEnd() {
        approvals.rejectLeftovers();
        servers.gateway().awaitNoSessions();
        servers.awaitNoUpstreamSessions();
    }

    @Test
    void heldStatementRunsOnceApprovedAndTheClientWasToldWhoDecides() throws Exception {
        try (Connection c = servers.gateway().connect(); Statement s = c.createStatement()) {
            s.execute("set sluice.justification = 'INC-4211: it''s the orphaned staging table'");
            CompletableFuture<SQLWarning> running = executeAsync(s, "truncate " + table);

            ManualApprovals.Held held = approvals.nextHeld();
            assertThat(held.request().statement()).isEqualTo("truncate " + table);
            assertThat(held.request().justification()).isEqualTo("INC-4211: it's the orphaned staging table");
            assertThat(held.request().rule()).isEqualTo("truncate-needs-review");
            assertThat(rowCount()).as("nothing ran before the approval").isEqualTo(3);

            held.approve();
            SQLWarning warning = running.get(20, TimeUnit.SECONDS);
            assertThat(rowCount()).isZero();
            assertThat((Object) warning).as("the hold notice, as a warning").isNotNull();
            assertThat(warning.getMessage())
                    .contains("SLUICE-REVIEW: this statement is held until a member of dba approves it")
                    .contains("request " + held.request().id());
        }
    }

    @Test
    void rejectedStatementIsRefusedWith42501AndTheSessionCarriesOn() throws Exception {
        try (Connection c = servers.gateway().connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            CompletableFuture<SQLWarning> running = executeAsync(s, "truncate " + table);
            approvals.nextHeld().reject("rejected by bob: not during the audit");

            assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains("SLUICE-REVIEW: not approved: rejected by bob: not during "
                                + "the audit (rule truncate-needs-review, request apr_test");
                    });
            assertThat(rowCount()).isEqualTo(3);
            try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void rejectionInsideATransactionAbortsItUntilRollback() throws Exception {
        try (Connection c = servers.gateway().connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("insert into " + table + " values (4)");
            CompletableFuture<SQLWarning> running = executeAsync(s, "truncate " + table);
            approvals.nextHeld().reject("rejected by bob");
            assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(SQLException.class);

            assertThatThrownBy(() -> s.executeQuery("select 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
                rs.next();
                assertThat(rs.getInt(1)).as("the insert before the refusal was rolled back").isEqualTo(3);
            }
        }
    }

    @Test
    void aStatementNobodyDecidesTimesOut() throws Exception {
        try (Connection c = servers.gateway().connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("analyze " + table))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains("not approved: no decision within 1 s")
                                .contains("rule quick-review");
                    });
            approvals.nextHeld(); // it was held, and left undecided
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void cancellingTheQueryWithdrawsTheRequest() throws Exception {
        try (Connection c = servers.gateway().connect(); Statement s = c.createStatement()) {
            CompletableFuture<SQLWarning> running = executeAsync(s, "truncate " + table);
            ManualApprovals.Held held = approvals.nextHeld();
            s.cancel();

            assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SQLException.class)
                    .hasMessageContaining("not approved: withdrawn: the client cancelled the query");
            assertThat(held.withdrawnBecause()).isEqualTo("the client cancelled the query");
            assertThat(rowCount()).isEqualTo(3);
            try (ResultSet rs = s.executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void killingTheSessionWithdrawsTheRequestAndTellsTheClient() throws Exception {
        try (Connection c = servers.gateway().connect(); Statement s = c.createStatement()) {
            CompletableFuture<SQLWarning> running = executeAsync(s, "truncate " + table);
            ManualApprovals.Held held = approvals.nextHeld();
            String sessionId = held.request().sessionId();

            assertThat(servers.gateway().liveSessions().end(sessionId, "incident response")).isTrue();
            assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SQLException.class);
            assertThat(held.withdrawnBecause()).isEqualTo("the session was ended by an administrator");
            assertThat(rowCount()).isEqualTo(3);
            GatewayHarness.await(() -> servers.gateway().liveSessions().find(sessionId).isEmpty(),
                    "the killed session to leave the live list");
        }
    }

    @Test
    void theNoticeReachesTheClientBeforeAnyDecision() throws Exception {
        try (RawClient client = RawClient.loggedIn(servers.gateway().port())) {
            client.send(new Query("truncate " + table).encode());
            PgFrame first = client.read();
            assertThat(first.typeChar()).isEqualTo('N');
            ErrorFields notice = ErrorFields.decode(first.body());
            assertThat(notice.severity()).isEqualTo("NOTICE");
            assertThat(notice.hint()).startsWith("a reviewer approves with: sluice approvals approve apr_test");
            assertThat(notice.detail()).contains("emptying a table needs a DBA").contains("Waiting up to 2 min");

            approvals.nextHeld().approve();
            List<PgFrame> rest = client.readUntil('Z');
            assertThat(RawClient.types(rest)).isEqualTo("CZ");
        }
    }

    @Test
    void psqlPrintsTheNoticeAndTheApprovedStatementRuns() throws Exception {
        CompletableFuture<Void> approver = CompletableFuture.runAsync(() -> {
            try {
                approvals.nextHeld().approve();
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        Psql.Result result = Psql.to(servers.gateway()).run("-c", "truncate " + table);
        approver.get(20, TimeUnit.SECONDS);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("TRUNCATE TABLE");
        assertThat(result.err()).contains("NOTICE:  SLUICE-REVIEW: this statement is held until a member of dba "
                + "approves it").contains("HINT:  a reviewer approves with: sluice approvals approve apr_test");
        assertThat(rowCount()).isZero();
    }

    private int rowCount() throws SQLException {
        try (Connection direct = servers.postgres().getPostgresDatabase().getConnection();
             Statement s = direct.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Runs the statement on another thread; completes with its first warning (the hold notice, if any). */
    private static CompletableFuture<SQLWarning> executeAsync(Statement s, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                s.execute(sql);
                return s.getWarnings();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
    }
}
