package dev.sluice.app;

import dev.sluice.app.config.ConfigLoader;
import dev.sluice.app.config.GatewayConfig;
import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.Policy;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.session.SessionContext;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code policies:} from the file to the gate: {@code sluice config check} reports a broken rule where it is
 * written, and each connection is judged by the policy it names.
 */
class PolicyConfigTest {

    @TempDir
    Path dir;

    @Test
    void configCheckReportsARuleErrorWithFileLineAndKey() throws Exception {
        Path config = GatewayConfigFile.write(dir, """
                policies:
                  - name: default
                    rules:
                      - name: no-drops
                        when: statement.kind == DROP
                        action: deny
                """);
        CliRun check = CliRun.of("config", "check", config.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err().lines().findFirst()).contains(config + ":18:15: policies[0].rules[0].when: "
                + "undeclared reference to 'DROP' (at column 19 of the expression)");
    }

    @Test
    void eachConnectionIsJudgedByThePolicyItNames() throws Exception {
        Path file = GatewayConfigFile.write(dir, """
                  - name: reports
                    type: postgresql
                    listener: pg
                    target: { host: 127.0.0.1, port: 5432, database: reports, tls: disable }
                    credentials: { username: app, password: "${file:upstream-password}" }
                    access: { groups: [dev] }
                    policy: guarded
                policies:
                  - name: guarded
                    presets: [unbounded-write]
                    rules:
                      - name: no-drops
                        when: statement.kind == 'DROP'
                        action: deny
                        message: nothing is dropped here
                """);
        CliRun check = CliRun.of("config", "check", file.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        GatewayConfig config = ConfigLoader.load(file, Map.of());
        Function<ConnectionSpec, Policy> policies = PolicyWiring.forConnections(config, Clock.systemUTC());

        ConnectionSpec clinic = config.connection("clinic").orElseThrow();
        ConnectionSpec reports = config.connection("reports").orElseThrow();
        assertThat(decide(policies.apply(clinic), clinic, "DROP TABLE t")).isInstanceOf(Decision.Allow.class);
        assertThat(decide(policies.apply(reports), reports, "DROP TABLE t"))
                .isEqualTo(new Decision.Deny("no-drops", "nothing is dropped here"));
        assertThat(decide(policies.apply(reports), reports, "SELECT 1; DELETE FROM t"))
                .isInstanceOfSatisfying(Decision.Deny.class, d -> assertThat(d.rule()).isEqualTo("unbounded-write"));
        assertThat(decide(policies.apply(reports), reports, "DELETE FROM t WHERE id = 1"))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void aPolicyWithMaskingGuardsItsConnectionsAndFeedsTouchesProtectedToItsRules() throws Exception {
        Files.writeString(dir.resolve("masking-key"), "a-masking-key-of-at-least-32-bytes-for-this-test");
        Path file = GatewayConfigFile.write(dir, """
                  - name: reports
                    type: postgresql
                    listener: pg
                    target: { host: 127.0.0.1, port: 5432, database: reports, tls: disable }
                    credentials: { username: app, password: "${file:upstream-password}" }
                    access: { groups: [dev] }
                    policy: strict
                policies:
                  - name: strict
                    presets: [bulk-export]
                    masking:
                      preset: phi-strict
                      key: ${file:masking-key}
                      exempt_groups: [phi-readers]
                """);
        GatewayConfig config = ConfigLoader.load(file, Map.of());
        Function<ConnectionSpec, Policy> policies = PolicyWiring.forConnections(config, Clock.systemUTC());
        Function<ConnectionSpec, MaskingPolicy> masking = PolicyWiring.maskingForConnections(config);
        ConnectionSpec clinic = config.connection("clinic").orElseThrow();
        ConnectionSpec reports = config.connection("reports").orElseThrow();

        assertThat(masking.apply(clinic)).isSameAs(MaskingPolicy.NONE);
        assertThat(masking.apply(reports).preset()).contains("phi-strict");
        assertThat(decide(policies.apply(clinic), clinic, "CREATE TABLE x AS SELECT * FROM patients"))
                .isInstanceOf(Decision.Allow.class);
        assertThat(decide(policies.apply(reports), reports, "CREATE TABLE x AS SELECT * FROM patients"))
                .isInstanceOfSatisfying(Decision.Deny.class, d -> assertThat(d.rule()).isEqualTo("phi-copy-out"));
        assertThat(decide(policies.apply(reports), reports, "DO $$ BEGIN PERFORM 1; END $$"))
                .isInstanceOfSatisfying(Decision.Deny.class,
                        d -> assertThat(d.rule()).isEqualTo("phi-code-execution"));
        // bulk-export asks touches_protected, which the masking policy now answers.
        assertThat(decide(policies.apply(reports), reports, "SELECT name FROM patients"))
                .isInstanceOfSatisfying(Decision.Review.class, r -> assertThat(r.rule()).isEqualTo("bulk-export"));
        assertThat(decide(policies.apply(reports), reports, "SELECT 1")).isInstanceOf(Decision.Allow.class);
    }

    private static Decision decide(Policy policy, ConnectionSpec connection, String sql) {
        Identity alice = new Identity("alice", "Alice", Set.of("dev"), Identity.Proof.LOCAL_TOKEN, "sluice-local");
        SessionContext session = new SessionContext("s-1", "postgresql", alice, connection, "127.0.0.1:40000", "psql",
                Instant.now());
        List<dev.sluice.core.command.SqlStatement> statements =
                new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 100).analyze(sql);
        return policy.decide(session, new SqlCommand(sql, statements, List.of()));
    }
}
