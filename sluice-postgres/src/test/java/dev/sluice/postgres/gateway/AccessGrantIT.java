package dev.sluice.postgres.gateway;

import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.connection.AccessList;
import dev.sluice.core.connection.JitAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Just-in-time access as a client sees it: bob is not on the clinic connection's access list, so he is refused with
 * the command that asks for access; with a grant he gets in; when the grant is revoked or expires, his open session
 * is ended (the connection's {@code on_expiry: end}) and new ones are refused again.
 */
class AccessGrantIT {

    private static final ManualApprovals approvals = new ManualApprovals();

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.with(dir -> GatewayHarness.Setup.defaults()
            .approvals(approvals)
            .access(new AccessList(Set.of(), Set.of("dev"), Optional.of(new JitAccess(List.of(), List.of("leads"), 1,
                    Duration.ofHours(8), JitAccess.OnExpiry.END)))));

    @AfterEach
    void sessionsEnd() {
        servers.gateway().awaitNoSessions();
        servers.awaitNoUpstreamSessions();
    }

    @Test
    void withoutAGrantTheRefusalSaysHowToAskForOne() {
        assertThatThrownBy(this::connectAsBob)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("SLUICE-ACCESS: bob may not use connection \"clinic\"")
                            .contains("sluice access request clinic --for 1h");
                });
    }

    @Test
    void aGrantLetsBobInAndRevokingItEndsHisSession() throws Exception {
        AccessGrant grant = grant("grt_revoke", Instant.now().plus(Duration.ofHours(1)));
        approvals.grant(grant);
        try (Connection c = connectAsBob(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select current_user")) {
                assertThat(rs.next()).isTrue();
            }
            approvals.revoke(grant.id());
            GatewayHarness.await(() -> failsWith(s, "57P01"), "the session to end once the grant is revoked");
        }
        assertThatThrownBy(this::connectAsBob).isInstanceOf(SQLException.class)
                .hasMessageContaining("may not use connection");
    }

    @Test
    void anExpiredGrantEndsTheSessionAndAdmitsNoMore() throws Exception {
        approvals.grant(grant("grt_expire", Instant.now().plus(Duration.ofSeconds(3))));
        try (Connection c = connectAsBob(); Statement s = c.createStatement()) {
            GatewayHarness.await(() -> failsWith(s, "57P01"), "the session to end when the grant expires");
        }
        assertThatThrownBy(this::connectAsBob).isInstanceOf(SQLException.class)
                .hasMessageContaining("may not use connection");
    }

    private static AccessGrant grant(String id, Instant endsAt) {
        return new AccessGrant(id, "apr_" + id, "bob", GatewayHarness.CONNECTION, "INC-7: on call", Instant.now(),
                endsAt, Optional.empty(), "");
    }

    private Connection connectAsBob() throws SQLException {
        return DriverManager.getConnection(servers.gateway().url("")
                .replace("password=token-alice", "password=token-bob"));
    }

    /** Whether a query now fails with {@code sqlState} (true) or still works (false). */
    private static boolean failsWith(Statement s, String sqlState) {
        try (ResultSet rs = s.executeQuery("select 1")) {
            return false;
        } catch (SQLException e) {
            return sqlState.equals(e.getSQLState()) || e.getSQLState() != null && e.getSQLState().startsWith("08");
        }
    }
}
