package dev.sluice.core.sql;

import dev.sluice.core.command.SqlStatement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the splitter, normaliser and analyser answer without throwing. */
class GarbageInputTest {

    /** Fragments chosen to open and close every lexical construct, in any order. */
    private static final List<String> FRAGMENTS = List.of(
            "SELECT", "select", "FROM", "WHERE", "WITH", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE", "COPY",
            "EXPLAIN", "PREPARE", "AS", "DECLARE", "CURSOR", "FOR", "LOCK", "TABLE", "DROP", "VACUUM", "BEGIN",
            "ATOMIC", "END", "CASE", "CREATE", "FUNCTION", "OR", "REPLACE", "IN", "MODE", "ONLY", "patients", "t.a",
            "\"q\"", "`b`", "'", "''", "'x'", "E'", "\\", "\\'", "\"", "`", "$", "$$", "$a$", "$1", "?", "(", ")",
            "((", "))", ";", ",", ".", "*", "-", "--", "/*", "*/", "/*!", "/*M!", "#", "//", "/", "=", "<>", "::",
            "1", "0x", "1e", "1.5e-3", ".", "_", "U&'", "N'", "X'", "B'", "\n", "\t", " ", "\u00a0", "\0", "é",
            "\uD83D\uDE00", "\uD800");

    private final Random random = new Random(0x5107CE);

    @Test
    void twoThousandJunkStringsNeverMakeAnythingThrow() {
        ParsingSqlAnalyzer postgres = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 100);
        ParsingSqlAnalyzer mysql = new ParsingSqlAnalyzer(SqlDialect.MYSQL, 100);
        for (int i = 0; i < 2_000; i++) {
            String junk = i % 4 == 0 ? randomChars() : randomFragments();
            SqlDialect dialect = i % 2 == 0 ? SqlDialect.POSTGRESQL : SqlDialect.MYSQL;

            List<String> statements = new SqlSplitter(dialect).split(junk);
            String normalized = new SqlNormalizer(dialect).normalize(junk);
            List<SqlStatement> analyses = (dialect == SqlDialect.POSTGRESQL ? postgres : mysql).analyze(junk);

            assertThat(statements).allSatisfy(statement -> assertThat(junk).contains(statement));
            assertThat(analyses).hasSameSizeAs(statements)
                    .allSatisfy(analysis -> assertThat(analysis.kind()).isNotBlank());
            assertThat(new SqlNormalizer(dialect).normalize(normalized)).as("normalising is idempotent: %s", junk)
                    .isEqualTo(normalized);
        }
    }

    private String randomFragments() {
        StringBuilder junk = new StringBuilder();
        int count = random.nextInt(40);
        for (int i = 0; i < count; i++) {
            junk.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            if (random.nextInt(3) > 0) {
                junk.append(' ');
            }
        }
        return junk.toString();
    }

    private String randomChars() {
        StringBuilder junk = new StringBuilder();
        int count = random.nextInt(200);
        for (int i = 0; i < count; i++) {
            junk.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000) : (char) (32 + random.nextInt(95)));
        }
        return junk.toString();
    }
}
