package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Startup parameters are commands too: every parameter setting a client sends at startup, {@code options} included,
 * is judged by the gate as the SET it amounts to and audited under the session; the client environment passes as is.
 * The gateway runs {@link TestPolicies#guarded()}, which forbids changing the role.
 */
class StartupParametersIT {

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.with(
            dir -> GatewayHarness.Setup.defaults().policy(TestPolicies.guarded()));

    @Test
    void psqlOptionsSettingAParameterIsJudgedAuditedAndApplied() throws Exception {
        Psql.Result result = psql().withEnv("PGOPTIONS", "-c search_path=public,pg_catalog")
                .withEnv("PGAPPNAME", "options-test").run("-c", "show search_path");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("public,pg_catalog\n");

        String session = gateway().audit().await(AuditEvent.SessionStarted.class,
                e -> e.applicationName().equals("options-test")).sessionId();
        AuditEvent.CommandDecided set = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.sessionId().equals(session)).findFirst().orElseThrow();
        assertThat(set.kinds()).containsExactly("SET");
        assertThat(set.text()).isEqualTo("SET search_path TO ?");
        assertThat(set.outcome()).isEqualTo("allow");
        assertThat(gateway().audit().await(AuditEvent.CommandCompleted.class,
                e -> e.commandId().equals(set.commandId())).errorCode()).isEmpty();
    }

    @Test
    void optionsAreSplitAsPostgresSplitsThemWithBackslashEscapes() throws Exception {
        Psql.Result result = psql().withEnv("PGOPTIONS", "--sluice.note=two\\ words  -csluice.other=x")
                .run("-c", "select current_setting('sluice.note') || '|' || current_setting('sluice.other')");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("two words|x\n");
    }

    @Test
    void optionsThatAreNotParameterSettingsRefuseTheSession() throws Exception {
        Psql.Result debug = psql().withEnv("PGOPTIONS", "-d 5").run("-c", "select 1");
        assertThat(debug.exitCode()).isNotZero();
        assertThat(debug.err()).contains("FATAL:  SLUICE: the switch -d in options is not supported by this gateway; "
                + "options may only set parameters (-c name=value)");
        gateway().audit().await(AuditEvent.SessionRefused.class,
                e -> e.code().equals("unsupported") && e.reason().equals("options switch -d"));

        Psql.Result stray = psql().withEnv("PGOPTIONS", "-c search_path=public extra").run("-c", "select 1");
        assertThat(stray.exitCode()).isNotZero();
        assertThat(stray.err()).contains("FATAL:  SLUICE: options contains a word that is not a switch");
    }

    @Test
    void deniedParameterRefusesTheSessionNamingTheParameterButNotItsValue() throws Exception {
        Psql.Result result = psql().withEnv("PGOPTIONS", "-c role=pg_monitor").run("-c", "select 1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("FATAL:  SLUICE-DENY: changing the role is not allowed (rule no-role) "
                + "(startup parameter role)").doesNotContain("pg_monitor");

        AuditEvent.SessionRefused refused = gateway().audit().await(AuditEvent.SessionRefused.class,
                e -> e.code().equals("denied-parameter"));
        assertThat(refused.subject()).isEqualTo("alice");
        AuditEvent.CommandDecided denied = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.sessionId().equals(refused.sessionId())).findFirst().orElseThrow();
        assertThat(denied.text()).isEqualTo("SET role TO ?");
        assertThat(denied.outcome()).isEqualTo("deny");
        assertThat(denied.rule()).isEqualTo("no-role");
        assertThat(gateway().audit().events(AuditEvent.SessionStarted.class))
                .noneMatch(e -> e.sessionId().equals(refused.sessionId()));
    }

    @Test
    void pgjdbcOptionsPropertyIsJudgedAndApplied() throws SQLException {
        String options = URLEncoder.encode("-c default_transaction_read_only=on", StandardCharsets.UTF_8);
        try (Connection c = gateway().connect("options=" + options); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("create table not_allowed (id int)"))
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
        }
        assertThat(gateway().audit().events(AuditEvent.CommandDecided.class))
                .anySatisfy(e -> assertThat(e.text()).isEqualTo("SET default_transaction_read_only TO ?"));
    }

    @Test
    void pgjdbcCurrentSchemaIsAStartupSettingToo() throws SQLException {
        servers.executeDirectly("create schema if not exists clinic_app");
        try (Connection c = gateway().connect("currentSchema=clinic_app"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show search_path")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("clinic_app");
        }
        assertThat(gateway().audit().events(AuditEvent.CommandDecided.class))
                .anySatisfy(e -> assertThat(e.text()).isEqualTo("SET search_path TO ?"));
    }

    @Test
    void aSettingTheServerRejectsCompletesWithTheServersCode() {
        String options = URLEncoder.encode("-c no_such_setting=1", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> gateway().connect("options=" + options).close())
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("SLUICE-UPSTREAM: connection \"clinic\" is unavailable (42704)"));
        AuditEvent.CommandDecided set = gateway().audit().await(AuditEvent.CommandDecided.class,
                e -> e.text().equals("SET no_such_setting TO ?"));
        assertThat(gateway().audit().await(AuditEvent.CommandCompleted.class,
                e -> e.commandId().equals(set.commandId())).errorCode()).isEqualTo("42704");
    }

    @Test
    void clientEnvironmentPassesWithoutCommands() throws SQLException {
        List<AuditEvent.CommandDecided> before = gateway().audit().events(AuditEvent.CommandDecided.class);
        try (Connection c = gateway().connect("ApplicationName=env-only&assumeMinServerVersion=10");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show DateStyle")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("ISO, MDY");
        }
        String session = gateway().audit().await(AuditEvent.SessionStarted.class,
                e -> e.applicationName().equals("env-only")).sessionId();
        assertThat(gateway().audit().events(AuditEvent.CommandDecided.class)).filteredOn(e -> !before.contains(e))
                .filteredOn(e -> e.sessionId().equals(session)).extracting(AuditEvent.CommandDecided::kinds)
                .containsExactly(List.of("SHOW"));
    }

    private static Psql psql() {
        return Psql.to(gateway());
    }

    private static GatewayHarness gateway() {
        return servers.gateway();
    }
}
