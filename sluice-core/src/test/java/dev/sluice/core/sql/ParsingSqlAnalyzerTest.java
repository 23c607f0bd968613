package dev.sluice.core.sql;

import dev.sluice.core.command.SqlStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParsingSqlAnalyzerTest {

    /**
     * A budget no parse here comes near, even on a starved CI machine: the expected results are the parser's,
     * not the watchdog's.
     */
    private static final Duration PATIENT = Duration.ofSeconds(60);

    private final ParsingSqlAnalyzer postgres = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 1_000, PATIENT);
    private final ParsingSqlAnalyzer mysql = new ParsingSqlAnalyzer(SqlDialect.MYSQL, 1_000, PATIENT);

    /** One expected analysis: tables as comma-separated names, empty for none. */
    private static Arguments row(String sql, String kind, String read, String written, boolean hasWhere,
                                 boolean parsed) {
        return Arguments.of(sql, kind, read, written, hasWhere, parsed);
    }

    static Stream<Arguments> postgresStatements() {
        return Stream.of(
                row("SELECT * FROM patients WHERE id = 1", "SELECT", "patients", "", false, true),
                row("select p.name from clinic.patients p join visits v on v.pid = p.id", "SELECT",
                        "clinic.patients,visits", "", false, true),
                row("SELECT * FROM \"Clinic\".\"Patients\"", "SELECT", "clinic.patients", "", false, true),
                row("SELECT a FROM t1 UNION SELECT b FROM t2 EXCEPT SELECT c FROM t3", "SELECT", "t1,t2,t3", "", false, true),
                row("SELECT * FROM t WHERE x IN (SELECT y FROM u WHERE EXISTS (SELECT 1 FROM v))", "SELECT", "t,u,v", "",
                        false, true),
                row("SELECT (SELECT max(a) FROM u) FROM t", "SELECT", "t,u", "", false, true),
                row("SELECT * FROM t ORDER BY (SELECT max(x) FROM secret) OFFSET (SELECT count(*) FROM other)", "SELECT",
                        "t,secret,other", "", false, true),
                row("SELECT x FROM t GROUP BY (SELECT 1 FROM g) HAVING count(*) > (SELECT 2 FROM h)", "SELECT", "t,g,h",
                        "", false, true),
                row("SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.id = t.id) l", "SELECT", "t,u", "", false, true),
                row("SELECT * FROM t JOIN (u JOIN v ON u.id = v.id) ON t.id = u.id", "SELECT", "t,u,v", "", false, true),
                row("WITH c AS (SELECT * FROM a) SELECT * FROM c JOIN b ON true", "SELECT", "a,b", "", false, true),
                row("WITH a AS (SELECT 1), b AS (SELECT * FROM a JOIN x ON true) SELECT * FROM b", "SELECT", "x", "",
                        false, true),
                row("WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r",
                        "SELECT", "", "", false, true),
                row("WITH patients AS (SELECT * FROM patients) SELECT * FROM patients", "SELECT", "patients", "", false,
                        true),
                row("SELECT * FROM (SELECT * FROM patients) patients", "SELECT", "patients", "", false, true),
                row("SELECT * FROM public.c WHERE EXISTS (WITH c AS (SELECT 1) SELECT * FROM c)", "SELECT", "public.c",
                        "", false, true),
                row("WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d", "SELECT", "t", "t", false, true),
                row("WITH s AS (SELECT * FROM src) INSERT INTO dst SELECT * FROM s", "INSERT", "src", "dst", false, true),
                row("WITH s AS (SELECT id FROM src) UPDATE dst SET a = 1 WHERE id IN (SELECT id FROM s)", "UPDATE", "src",
                        "dst", true, true),
                row("TABLE patients", "SELECT", "patients", "", false, true),
                row("(SELECT * FROM t)", "SELECT", "t", "", false, true),
                row("VALUES (1, 'a'), (2, 'b')", "VALUES", "", "", false, true),
                row("SELECT a INTO archive FROM t", "SELECT", "t", "archive", false, true),
                row("SELECT * FROM t WHERE d > DATE '2024-01-01'", "SELECT", "t", "", false, true),
                row("INSERT INTO s.t (a, b) VALUES (1, 'x')", "INSERT", "", "s.t", false, true),
                row("INSERT INTO t SELECT * FROM u JOIN v ON u.id = v.id", "INSERT", "u,v", "t", false, true),
                row("INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = excluded.a RETURNING *", "INSERT", "t",
                        "t", false, true),
                row("UPDATE t SET a = 1", "UPDATE", "", "t", false, true),
                row("UPDATE t SET a = 1 WHERE id = 5", "UPDATE", "", "t", true, true),
                row("UPDATE t SET a = u.b FROM u WHERE t.id = u.id", "UPDATE", "u", "t", true, true),
                row("UPDATE t SET a = (SELECT max(a) FROM t) WHERE id = 1", "UPDATE", "t", "t", true, true),
                row("UPDATE patients SET phone = $1 WHERE id = $2 RETURNING ssn", "UPDATE", "patients", "patients", true,
                        true),
                row("DELETE FROM t", "DELETE", "", "t", false, true),
                row("DELETE FROM t WHERE 1 = 1", "DELETE", "", "t", false, true),
                row("DELETE FROM t WHERE true", "DELETE", "", "t", false, true),
                row("DELETE FROM t WHERE id = 3", "DELETE", "", "t", true, true),
                row("DELETE FROM t USING u WHERE t.id = u.id", "DELETE", "u", "t", true, true),
                row("DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.id)", "DELETE", "u", "t", true, true),
                row("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a "
                        + "WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)", "MERGE", "s", "t", false, true),
                row("CREATE TABLE x (id int)", "CREATE", "", "x", false, true),
                row("CREATE TABLE x AS SELECT * FROM y", "CREATE", "y", "x", false, true),
                row("CREATE VIEW v AS SELECT * FROM y", "CREATE", "y", "v", false, true),
                row("CREATE INDEX i ON t (a)", "CREATE", "", "t", false, true),
                row("ALTER TABLE foo ADD COLUMN x int", "ALTER", "", "foo", false, true),
                row("DROP TABLE IF EXISTS a CASCADE", "DROP", "", "a", false, true),
                row("DROP INDEX i", "DROP", "", "", false, true),
                row("TRUNCATE a, b", "TRUNCATE", "", "a,b", false, true),
                row("TRUNCATE TABLE s.a", "TRUNCATE", "", "s.a", false, true),
                row("COMMENT ON TABLE t IS 'holds PHI'", "COMMENT", "", "t", false, true),
                row("REFRESH MATERIALIZED VIEW mv", "REFRESH", "", "mv", false, true),
                row("ANALYZE t", "ANALYZE", "t", "", false, true),
                row("EXPLAIN SELECT * FROM t", "EXPLAIN", "t", "", false, true),
                row("COMMIT", "COMMIT", "", "", false, true),
                row("ROLLBACK", "ROLLBACK", "", "", false, true),
                row("ROLLBACK TO SAVEPOINT a", "ROLLBACK", "", "", false, true),
                row("SAVEPOINT a", "SAVEPOINT", "", "", false, true),
                row("SET search_path = clinic, public", "SET", "", "", false, true),
                row("SHOW search_path", "SHOW", "", "", false, true),
                row("EXECUTE p", "EXECUTE", "", "", false, true));
    }

    static Stream<Arguments> postgresFallbacks() {
        return Stream.of(
                row("COPY patients TO STDOUT", "COPY", "patients", "", false, false),
                row("COPY clinic.\"Patients\" (a, b) FROM STDIN WITH (FORMAT csv)", "COPY", "", "clinic.patients", false,
                        false),
                row("COPY (SELECT * FROM patients WHERE id = 3) TO STDOUT", "COPY", "patients", "", false, false),
                row("COPY (DELETE FROM t RETURNING *) TO STDOUT", "COPY", "t", "t", false, false),
                row("DO $$ BEGIN DELETE FROM patients; END $$", "DO", "", "", false, false),
                row("BEGIN", "BEGIN", "", "", false, false),
                row("BEGIN ISOLATION LEVEL SERIALIZABLE", "BEGIN", "", "", false, false),
                row("START TRANSACTION READ ONLY", "BEGIN", "", "", false, false),
                row("END", "COMMIT", "", "", false, false),
                row("ABORT", "ROLLBACK", "", "", false, false),
                row("SET statement_timeout TO 5000", "SET", "", "", false, false),
                row("LISTEN events", "LISTEN", "", "", false, false),
                row("NOTIFY events, 'patient 42 admitted'", "NOTIFY", "", "", false, false),
                row("UNLISTEN *", "UNLISTEN", "", "", false, false),
                row("PREPARE p (int) AS SELECT * FROM patients WHERE id = $1", "PREPARE", "patients", "", false, false),
                row("PREPARE d AS DELETE FROM t", "PREPARE", "", "t", false, false),
                row("DEALLOCATE ALL", "DEALLOCATE", "", "", false, false),
                row("DISCARD ALL", "DISCARD", "", "", false, false),
                row("VACUUM FULL ANALYZE t, s.u", "VACUUM", "", "t,s.u", false, false),
                row("VACUUM (VERBOSE) t (a)", "VACUUM", "", "t", false, false),
                row("LOCK TABLE t IN ACCESS SHARE MODE", "LOCK", "t", "", false, false),
                row("LOCK t", "LOCK", "", "t", false, false),
                row("LOCK TABLE ONLY a, b IN SHARE ROW EXCLUSIVE MODE NOWAIT", "LOCK", "", "a,b", false, false),
                row("DROP TABLE a, b", "DROP", "", "a,b", false, false),
                row("EXPLAIN ANALYZE DELETE FROM t", "EXPLAIN", "", "t", false, false),
                row("EXPLAIN DELETE FROM t", "EXPLAIN", "t", "", false, false),
                row("EXPLAIN (ANALYZE, BUFFERS) UPDATE t SET a = 1", "EXPLAIN", "", "t", false, false),
                row("DECLARE c CURSOR WITH HOLD FOR SELECT * FROM patients", "DECLARE", "patients", "", false, false),
                row("CHECKPOINT", "CHECKPOINT", "", "", false, false),
                row("REVOKE SELECT ON patients FROM bob", "REVOKE", "", "", false, false),
                row("WITH x AS (this is not sql) SELECT 1", "UNKNOWN", "", "", false, false),
                row("UPDATE ONLY t SET a = 1 WHERE a = ANY(", "UPDATE", "", "t", false, false),
                row("SELECT FROM WHERE patients", "SELECT", "", "", false, false),
                row("SELECT * FROM t LIMIT (SELECT count(*) FROM patients)", "SELECT", "", "", false, false),
                row("this is not sql", "UNKNOWN", "", "", false, false));
    }

    static Stream<Arguments> mysqlStatements() {
        return Stream.of(
                row("SELECT * FROM `Clinic`.`Patients` WHERE name = 'O\\'Brien'", "SELECT", "clinic.patients", "", false,
                        true),
                row("SELECT 1 FROM dual", "SELECT", "", "", false, true),
                row("SELECT 1--1 FROM patients", "SELECT", "patients", "", false, true),
                row("SELECT a FROM t # FROM patients", "SELECT", "t", "", false, true),
                row("/*!50000 DROP TABLE x */", "DROP", "", "x", false, true),
                row("INSERT INTO t VALUES (1, \"abc\")", "INSERT", "", "t", false, true),
                row("INSERT INTO t (a) VALUES (?) ON DUPLICATE KEY UPDATE a = VALUES(a)", "INSERT", "", "t", false, true),
                row("REPLACE INTO t VALUES (1)", "REPLACE", "", "t", false, true),
                row("UPDATE t1 JOIN t2 ON t1.id = t2.id SET t1.a = t2.b WHERE t2.c = 1", "UPDATE", "t2", "t1", true, true),
                row("DELETE a FROM patients a JOIN visits v ON v.pid = a.id WHERE v.x = 1", "DELETE", "visits", "patients",
                        true, true),
                row("DELETE FROM t LIMIT 10", "DELETE", "", "t", false, true),
                row("DESC patients", "DESCRIBE", "patients", "", false, true),
                row("SHOW TABLES", "SHOW", "", "", false, true),
                row("USE clinic", "USE", "", "", false, true),
                row("SET NAMES utf8mb4", "SET", "", "", false, true),
                row("RENAME TABLE a TO b", "RENAME", "", "a,b", false, true),
                row("LOCK TABLES a READ, b WRITE", "LOCK", "a", "b", false, false),
                row("UNLOCK TABLES", "UNLOCK", "", "", false, false),
                row("LOAD DATA LOCAL INFILE 'patients.csv' INTO TABLE patients", "LOAD", "", "patients", false, false),
                row("START TRANSACTION", "BEGIN", "", "", false, false),
                row("BEGIN", "BEGIN", "", "", false, false),
                row("DESCRIBE SELECT * FROM t", "EXPLAIN", "t", "", false, false),
                row("PREPARE s FROM 'SELECT * FROM patients'", "PREPARE", "", "", false, false),
                row("KILL 42", "KILL", "", "", false, false),
                row("FLUSH PRIVILEGES", "FLUSH", "", "", false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"postgresStatements", "postgresFallbacks"})
    void analysesPostgresStatements(String sql, String kind, String read, String written, boolean hasWhere,
                                    boolean parsed) {
        assertAnalysis(postgres, sql, kind, read, written, hasWhere, parsed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mysqlStatements")
    void analysesMysqlStatements(String sql, String kind, String read, String written, boolean hasWhere,
                                 boolean parsed) {
        assertAnalysis(mysql, sql, kind, read, written, hasWhere, parsed);
    }

    private static void assertAnalysis(ParsingSqlAnalyzer analyzer, String sql, String kind, String read,
                                       String written, boolean hasWhere, boolean parsed) {
        List<SqlStatement> statements = analyzer.analyze(sql);

        assertThat(statements).hasSize(1);
        SqlStatement statement = statements.getFirst();
        assertThat(statement.kind()).as("kind").isEqualTo(kind);
        assertThat(statement.tablesRead()).as("read").isEqualTo(names(read));
        assertThat(statement.tablesWritten()).as("written").isEqualTo(names(written));
        assertThat(statement.hasWhere()).as("hasWhere").isEqualTo(hasWhere);
        assertThat(statement.parsed()).as("parsed").isEqualTo(parsed);
        assertThat(statement.syntaxTree().isPresent()).as("syntax tree").isEqualTo(parsed);
        assertThat(statement.normalizedText()).as("normalised text keeps no string literal").doesNotContain("'");
    }

    private static Set<String> names(String list) {
        return list.isEmpty() ? Set.of() : Arrays.stream(list.split(",")).collect(Collectors.toSet());
    }

    @Test
    void everyStatementOfAMultiStatementStringIsAnalysedInOrder() {
        List<SqlStatement> statements = postgres.analyze("BEGIN; DELETE FROM patients WHERE id = 7; DROP TABLE audit; COMMIT;");

        assertThat(statements).extracting(SqlStatement::kind).containsExactly("BEGIN", "DELETE", "DROP", "COMMIT");
        assertThat(statements.get(1).tablesWritten()).containsExactly("patients");
        assertThat(statements.get(2).tablesWritten()).containsExactly("audit");
    }

    @Test
    void statementsDifferingOnlyInLiteralsShareOneCachedAnalysis() {
        SqlStatement first = postgres.analyze("SELECT name FROM patients WHERE ssn = '123-45-6789'").getFirst();
        SqlStatement second = postgres.analyze("SELECT name FROM patients WHERE ssn = '987-65-4321'").getFirst();

        assertThat(second).isSameAs(first);
        assertThat(second.normalizedText()).isEqualTo("SELECT name FROM patients WHERE ssn = ?");
        assertThat(postgres.cachedStatements()).isEqualTo(1);
    }

    @Test
    void cachedSyntaxTreeHoldsNoLiteralValue() {
        SqlStatement statement = postgres.analyze(
                "SELECT name FROM patients WHERE ssn = '123-45-6789' AND born < DATE '1980-02-03'").getFirst();

        assertThat(statement.parsed()).isTrue();
        assertThat(statement.syntaxTree()).get().asString().doesNotContain("123", "1980").contains("patients");
    }

    @Test
    void fallbackAnalysesAreCachedToo() {
        SqlStatement first = postgres.analyze("COPY patients FROM STDIN").getFirst();

        assertThat(postgres.analyze("copy patients from stdin").getFirst().kind()).isEqualTo("COPY");
        assertThat(postgres.analyze("COPY patients FROM STDIN").getFirst()).isSameAs(first);
    }

    @Test
    void cacheCanBeDisabled() {
        ParsingSqlAnalyzer uncached = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 0, PATIENT);

        SqlStatement statement = uncached.analyze("SELECT * FROM t WHERE id = 1").getFirst();

        assertThat(statement.tablesRead()).containsExactly("t");
        assertThat(uncached.analyze("SELECT * FROM t WHERE id = 1").getFirst()).isNotSameAs(statement)
                .usingRecursiveComparison().ignoringFields("syntaxTree").isEqualTo(statement);
    }

    @Test
    void deeplyNestedStatementIsNotParsedButStillClassified() {
        String nested = "SELECT * FROM t WHERE a IN " + "(".repeat(40) + "1" + ")".repeat(40);

        SqlStatement statement = postgres.analyze(nested).getFirst();

        assertThat(statement.kind()).isEqualTo("SELECT");
        assertThat(statement.parsed()).isFalse();
    }

    @Test
    void emptyInputHasNoStatements() {
        assertThat(postgres.analyze(null)).isEmpty();
        assertThat(postgres.analyze("")).isEmpty();
        assertThat(postgres.analyze(" ; -- nothing ;")).isEmpty();
    }

    @Test
    void invalidConfigurationIsRefused() {
        assertThatThrownBy(() -> new ParsingSqlAnalyzer(SqlDialect.MYSQL, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ParsingSqlAnalyzer(SqlDialect.MYSQL, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentSessionsGetTheSameAnswersAsOneSession() throws Exception {
        List<String> workload = postgresStatements().map(arguments -> (String) arguments.get()[0]).toList();
        // A cache smaller than the workload, so that sessions race on misses and evictions as well as hits.
        ParsingSqlAnalyzer shared = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 40, PATIENT);
        ParsingSqlAnalyzer reference = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 0, PATIENT);
        List<List<SqlStatement>> expected = workload.stream().map(reference::analyze).toList();

        try (ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int session = 0; session < 8; session++) {
                int offset = session;
                results.add(sessions.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < workload.size(); i++) {
                            int index = (i + offset * 7) % workload.size();
                            if (!sameAnalysis(shared.analyze(workload.get(index)), expected.get(index))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    private static boolean sameAnalysis(List<SqlStatement> actual, List<SqlStatement> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            SqlStatement a = actual.get(i);
            SqlStatement e = expected.get(i);
            if (!a.kind().equals(e.kind()) || !a.normalizedText().equals(e.normalizedText())
                    || !a.tablesRead().equals(e.tablesRead()) || !a.tablesWritten().equals(e.tablesWritten())
                    || a.hasWhere() != e.hasWhere() || a.parsed() != e.parsed()) {
                return false;
            }
        }
        return true;
    }
}
