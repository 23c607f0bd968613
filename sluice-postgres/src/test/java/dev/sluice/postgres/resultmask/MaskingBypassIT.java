package dev.sluice.postgres.resultmask;

import dev.sluice.core.connection.AccessList;
import dev.sluice.core.masking.MaskingKey;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.masking.PhiStrictPreset;
import dev.sluice.core.masking.AnalyzedLineage;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import dev.sluice.postgres.gateway.GatewayHarness;
import dev.sluice.postgres.gateway.Psql;
import dev.sluice.postgres.gateway.TestIdentities;
import dev.sluice.postgres.upstream.UpstreamConnector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attacker's side: a patients table under {@code phi-strict}, read every way a client can think of, through psql
 * (simple protocol) and pgjdbc (extended protocol, named statements, binary transfer, cursors, COPY). No raw value of
 * the synthetic patient may reach the client. Bob is in the exempt group {@code ops} and sees raw values.
 */
class MaskingBypassIT {

    /** Every raw value of the one patient; none may appear in what alice gets. */
    static final List<String> RAW = List.of("123-45-6789", "123456789", "Zebediah", "Quackenbush", "1961-07-14",
            "zeb.quack@example.org", "555-0143", "62704", "MBR99887766");

    static EmbeddedPostgres postgres;
    static GatewayHarness gateway;
    static PgResultMasking masking;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection direct = postgres.getPostgresDatabase().getConnection();
             Statement s = direct.createStatement()) {
            s.execute("create table patients (id int primary key, ssn text, first_name text, last_name text, dob date, "
                    + "email text, phone text, zip text, notes text, insurance jsonb)");
            s.execute("insert into patients values (1, '123-45-6789', 'Zebediah', 'Quackenbush', '1961-07-14', "
                    + "'zeb.quack@example.org', '(217) 555-0143', '62704', "
                    + "'Called back. SSN 123-45-6789, phone (217) 555-0143.', "
                    + "'{\"member_id\": \"MBR99887766\", \"plan\": \"gold\"}')");
            s.execute("create table items (id int, label text)");
            s.execute("insert into items values (7, 'widget')");
        }
        MaskingPolicy policy = PhiStrictPreset.policy(MaskingKey.of(new byte[32])).toBuilder()
                .exemptGroups(Set.of("ops")).build();
        masking = new PgResultMasking(new UpstreamConnector(), connection -> policy,
                new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 1000), AnalyzedLineage.INSTANCE);
        gateway = GatewayHarness.start(postgres, GatewayHarness.Setup.defaults()
                .access(new AccessList(Set.of(), Set.of("dev", "ops"))), masking);
    }

    @AfterAll
    static void stop() throws Exception {
        try (EmbeddedPostgres server = postgres; GatewayHarness g = gateway; PgResultMasking m = masking) {
            // closed in reverse order
        }
    }

    static final String[] QUERIES = {
        "select * from patients",
        "select ssn as x, first_name as \"Given\", dob as d from patients",
        "select upper(ssn), lower(first_name) from patients",
        "select ssn || '' from patients",
        "select x from (select ssn as x from patients) s",
        "with c as (select * from patients) select * from c",
        "select ssn from patients union select 'none'",
        "select row_to_json(p) from patients p",
        "select json_agg(p) from patients p",
        "select string_agg(ssn, ',') from patients",
        "select p from patients p",
        "select insurance->>'member_id', insurance from patients",
        "select notes from patients",
        "select replace(ssn, '-', '')::bigint from patients",
        "select array_agg(email) from patients",
        "select to_char(dob, 'YYYY-MM-DD') from patients",
    };

    @ParameterizedTest
    @ValueSource(strings = {"", "prepareThreshold=1", "preferQueryMode=simple", "binaryTransfer=true&prepareThreshold=1"})
    void pgjdbcSeesNoRawValue(String options) throws SQLException {
        try (Connection c = gateway.connect(options)) {
            for (String sql : QUERIES) {
                for (int run = 0; run < 3; run++) { // past the prepare threshold: named statements, binary results
                    String out = readAll(c, sql);
                    assertNoRaw(sql + " [" + options + "]", out);
                }
            }
        }
    }

    @Test
    void columnRulesApplyToPlainColumns() throws SQLException {
        try (Connection c = gateway.connect("preferQueryMode=simple");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select ssn, first_name, dob, zip from patients")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).endsWith("6789").doesNotContain("123");
            assertThat(rs.getString(2)).isNotEmpty().isNotEqualTo("Zebediah");
            assertThat(rs.getString(3)).isEqualTo("1961");
            assertThat(rs.getString(4)).isEqualTo("62700");
        }
    }

    @Test
    void theAuditLogRecordsWhichRulesFiredOnEachCommand() throws SQLException {
        try (Connection c = gateway.connect("preferQueryMode=simple");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select ssn, zip, 'plain' as audit_rules_marker from patients")) {
            assertThat(rs.next()).isTrue();
        }
        dev.sluice.core.audit.AuditEvent.CommandDecided decided = gateway.audit().await(
                dev.sluice.core.audit.AuditEvent.CommandDecided.class, e -> e.text().contains("audit_rules_marker"));
        dev.sluice.core.audit.AuditEvent.ResultMasked masked = gateway.audit().await(
                dev.sluice.core.audit.AuditEvent.ResultMasked.class, e -> e.commandId().equals(decided.commandId()));
        assertThat(masked.rules()).hasSize(2).allMatch(rule -> rule.startsWith("phi-strict"));
        assertThat(String.join(" ", masked.rules())).doesNotContain("123-45-6789");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "preferQueryMode=simple"})
    void expressionsAreMaskedByTheirLineage(String options) throws SQLException {
        try (Connection c = gateway.connect(options)) {
            // derived from a partially masked column: fully redacted
            assertThat(readAll(c, "select upper(ssn) from patients")).isEqualTo("***|\n");
            // a keyed token applies to a transformed value: the same token whatever the case
            assertThat(readAll(c, "select lower(email) from patients")).startsWith("tok_");
            // values of the column itself, through coalesce: the column's own rule
            assertThat(readAll(c, "select coalesce(ssn, 'none') from patients")).isEqualTo("***-**-6789|\n");
            // nothing protected: untouched
            assertThat(readAll(c, "select upper(label), id + 1 from items")).isEqualTo("WIDGET|8|\n");
            assertThat(readAll(c, "select count(*) from patients")).isEqualTo("1|\n");
        }
    }

    @Test
    void cursorsWithFetchSizeSeeNoRawValue() throws SQLException {
        try (Connection c = gateway.connect("prepareThreshold=1")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("insert into patients select g, '123-45-6789', 'Zebediah', 'Quackenbush', '1961-07-14', "
                        + "null, null, '62704', null, null from generate_series(100, 120) g");
            }
            for (int run = 0; run < 2; run++) {
                try (PreparedStatement p = c.prepareStatement("select * from patients where id >= ?")) {
                    p.setFetchSize(5);
                    p.setInt(1, 100);
                    StringBuilder out = new StringBuilder();
                    int rows = 0;
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                out.append(rs.getString(i)).append('|');
                            }
                        }
                    }
                    assertThat(rows).isEqualTo(21);
                    assertNoRaw("cursor", out.toString());
                }
            }
            c.rollback();
        }
    }

    @Test
    void sqlLevelCursorsAndPreparedStatementsSeeNoRawValue() throws SQLException {
        try (Connection c = gateway.connect("preferQueryMode=simple")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("declare cur cursor for select ssn, upper(first_name) from patients");
                assertNoRaw("fetch", readAll(c, "fetch all from cur"));
                s.execute("prepare q as select ssn, ssn || '!' from patients");
                assertNoRaw("execute", readAll(c, "execute q"));
            }
            c.rollback();
        }
    }

    @Test
    void errorTextsAreScrubbed() throws SQLException {
        try (Connection c = gateway.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("select ssn::int from patients"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertNoRaw("error", e.getMessage()));
        }
    }

    @Test
    void noticesAndNotificationsAreScrubbed() throws SQLException {
        try (Connection c = gateway.connect("preferQueryMode=simple"); Statement s = c.createStatement()) {
            s.execute("do $$ begin raise notice 'found %', (select ssn from patients where id = 1); end $$");
            StringBuilder notices = new StringBuilder();
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                notices.append(w.getMessage());
            }
            assertThat(notices.toString()).startsWith("found");
            assertNoRaw("notice", notices.toString());
            s.execute("listen ch");
            s.execute("select pg_notify('ch', (select 'SSN ' || ssn from patients where id = 1))");
            s.execute("select 1");
            PGNotification[] notifications = c.unwrap(PGConnection.class).getNotifications(5000);
            assertThat(notifications).isNotEmpty();
            for (PGNotification n : notifications) {
                assertNoRaw("notification", n.getParameter());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy patients to stdout", "copy patients to stdout with (format csv, header)",
        "copy patients (ssn, dob, notes) to stdout (format csv, delimiter '|')", "copy patients to stdout with binary",
        "copy (select ssn, upper(first_name), notes from patients) to stdout (format csv)",
        "copy (select * from patients) to stdout (format binary)", "copy patients to stdout csv header"})
    void copyOutSeesNoRawValue(String sql) throws Exception {
        try (Connection c = gateway.connect()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
            } catch (SQLException e) {
                assertNoRaw(sql, e.getMessage()); // a refused COPY is fine; a leaking one is not
            }
            assertNoRaw(sql, out.toString(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void psqlSeesNoRawValue() throws Exception {
        for (String sql : QUERIES) {
            Psql.Result result = Psql.to(gateway).run("-c", sql);
            assertThat(result.exitCode()).as(sql + ": " + result.err()).isZero();
            assertNoRaw("psql " + sql, result.out() + result.err());
        }
        Psql.Result copy = Psql.to(gateway).run("-c", "copy patients to stdout with (format csv)");
        assertNoRaw("psql copy", copy.out() + copy.err());
        assertThat(copy.out()).contains("***-**-6789").contains("SSN [SSN]");
        Psql.Result error = Psql.to(gateway).run("-c", "select ssn::int from patients");
        assertNoRaw("psql error", error.out() + error.err());
        Psql.Result notice = Psql.to(gateway).run("-c",
                "do $$ begin raise notice 'ssn %', (select ssn from patients where id = 1); end $$");
        assertThat(notice.err()).contains("NOTICE");
        assertNoRaw("psql notice", notice.out() + notice.err());
        Psql.Result notify = Psql.to(gateway).run("-c",
                "listen ch; select pg_notify('ch', (select 'SSN ' || ssn from patients where id = 1))");
        assertNoRaw("psql notify", notify.out() + notify.err());
    }

    @Test
    void exemptGroupSeesRawValues() throws Exception {
        Psql.Result result = Psql.to(gateway).withPassword(TestIdentities.BOB_TOKEN)
                .run("-c", "select ssn, first_name from patients where id = 1");
        assertThat(result.out()).contains("123-45-6789").contains("Zebediah");
    }

    private static String readAll(Connection c, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.append(rs.getString(i)).append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    static void assertNoRaw(String what, String output) {
        List<String> found = new ArrayList<>();
        for (String raw : RAW) {
            if (output != null && output.contains(raw)) {
                found.add(raw);
            }
        }
        assertThat(found).as(what + " leaked raw values in: " + output).isEmpty();
    }
}
