package dev.sluice.core.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlSplitterTest {

    private final SqlSplitter postgres = new SqlSplitter(SqlDialect.POSTGRESQL);
    private final SqlSplitter mysql = new SqlSplitter(SqlDialect.MYSQL);

    @Test
    void splitsAtTopLevelSemicolonsAndTrimsEachStatement() {
        assertThat(postgres.split("  SELECT 1 ;\n UPDATE t SET a = 2;COMMIT  "))
                .containsExactly("SELECT 1", "UPDATE t SET a = 2", "COMMIT");
    }

    @Test
    void dropsEmptyAndCommentOnlyStatements() {
        assertThat(postgres.split(";; SELECT 1; -- nothing\n ; /* still nothing */ ;")).containsExactly("SELECT 1");
        assertThat(postgres.split("  -- only a comment ")).isEmpty();
        assertThat(postgres.split("")).isEmpty();
        assertThat(postgres.split(null)).isEmpty();
    }

    @Test
    void semicolonInsideSingleQuotesDoesNotSplit() {
        assertThat(postgres.split("SELECT 'a;b', 'it''s; fine'; SELECT 2"))
                .containsExactly("SELECT 'a;b', 'it''s; fine'", "SELECT 2");
    }

    @Test
    void postgresBackslashInPlainStringIsNotAnEscape() {
        // standard_conforming_strings: '\' is a complete string, so the ; after it separates statements
        assertThat(postgres.split("SELECT '\\'; DROP TABLE x")).containsExactly("SELECT '\\'", "DROP TABLE x");
    }

    @Test
    void postgresEscapeStringHonoursBackslashEscapes() {
        assertThat(postgres.split("SELECT E'it\\'s; not the end'; SELECT 2"))
                .containsExactly("SELECT E'it\\'s; not the end'", "SELECT 2");
    }

    @Test
    void dollarQuotedBodiesAreOneToken() {
        String function = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql";
        assertThat(postgres.split(function + "; SELECT 2")).containsExactly(function, "SELECT 2");
        assertThat(postgres.split("DO $$ BEGIN PERFORM 1; END $$; SELECT 3"))
                .containsExactly("DO $$ BEGIN PERFORM 1; END $$", "SELECT 3");
    }

    @Test
    void dollarTagMustMatchToClose() {
        assertThat(postgres.split("SELECT $a$ x $b$ ; y $a$; SELECT 2"))
                .containsExactly("SELECT $a$ x $b$ ; y $a$", "SELECT 2");
    }

    @Test
    void positionalParameterIsNotADollarQuote() {
        assertThat(postgres.split("SELECT $1; SELECT $2")).containsExactly("SELECT $1", "SELECT $2");
    }

    @Test
    void doubleQuotedIdentifiersMayHoldSemicolons() {
        assertThat(postgres.split("SELECT \"a;\"\"b\" FROM t; SELECT 2"))
                .containsExactly("SELECT \"a;\"\"b\" FROM t", "SELECT 2");
    }

    @Test
    void lineAndNestedBlockCommentsHideSemicolons() {
        assertThat(postgres.split("SELECT 1 -- ; not here\n; SELECT /* a /* nested; */ still; */ 2"))
                .containsExactly("SELECT 1", "SELECT /* a /* nested; */ still; */ 2");
    }

    @Test
    void semicolonInsideParenthesesDoesNotSplit() {
        assertThat(postgres.split("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); DELETE FROM b); SELECT 1"))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); DELETE FROM b)",
                        "SELECT 1");
    }

    @Test
    void beginAtomicFunctionBodyIsOneStatement() {
        String function = "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql "
                + "BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END";
        assertThat(postgres.split(function + "; DROP TABLE x")).containsExactly(function, "DROP TABLE x");
    }

    @Test
    void functionNamedBeginDoesNotSwallowTheNextStatement() {
        assertThat(postgres.split("CREATE FUNCTION begin() RETURNS int LANGUAGE sql RETURN 1; DROP TABLE patients"))
                .containsExactly("CREATE FUNCTION begin() RETURNS int LANGUAGE sql RETURN 1", "DROP TABLE patients");
    }

    @Test
    void transactionBeginIsAnOrdinaryStatement() {
        assertThat(postgres.split("BEGIN; UPDATE t SET a = 1; END;"))
                .containsExactly("BEGIN", "UPDATE t SET a = 1", "END");
    }

    @Test
    void unterminatedQuoteOrCommentMakesTheRestOneStatement() {
        assertThat(postgres.split("SELECT 1; SELECT 'oops; DROP TABLE x")).containsExactly("SELECT 1", "SELECT 'oops; DROP TABLE x");
        assertThat(postgres.split("SELECT 1; SELECT \"oops; x")).containsExactly("SELECT 1", "SELECT \"oops; x");
        assertThat(postgres.split("SELECT 1; SELECT /* oops; x")).containsExactly("SELECT 1", "SELECT");
        assertThat(postgres.split("SELECT 1; DO $$ oops; x")).containsExactly("SELECT 1", "DO $$ oops; x");
    }

    @Test
    void mysqlBackslashEscapesInBothQuoteStyles() {
        assertThat(mysql.split("SELECT 'it\\'s; x', \"say \\\"hi;\\\"\"; SELECT 2"))
                .containsExactly("SELECT 'it\\'s; x', \"say \\\"hi;\\\"\"", "SELECT 2");
    }

    @Test
    void mysqlBackticksAndHashComments() {
        assertThat(mysql.split("SELECT `a;b` FROM t # ; hidden\n; SELECT 2"))
                .containsExactly("SELECT `a;b` FROM t", "SELECT 2");
    }

    @Test
    void mysqlDoubleDashNeedsASpaceToStartAComment() {
        assertThat(mysql.split("SELECT 1--1; SELECT 2")).containsExactly("SELECT 1--1", "SELECT 2");
        assertThat(mysql.split("SELECT 1 -- ; hidden\n; SELECT 2")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void mysqlBlockCommentsDoNotNest() {
        assertThat(mysql.split("SELECT /* a /* b */ 1; SELECT 2")).containsExactly("SELECT /* a /* b */ 1", "SELECT 2");
    }

    @Test
    void mysqlExecutableCommentContentIsTheStatement() {
        assertThat(mysql.split("/*!40101 SET NAMES utf8 */; /*!50000 DROP TABLE x */; /* plain; */ SELECT 1"))
                .containsExactly("SET NAMES utf8", "DROP TABLE x", "SELECT 1");
    }

    @Test
    void postgresDollarIsNotSpecialInMysql() {
        assertThat(mysql.split("SELECT $$; SELECT 2")).containsExactly("SELECT $$", "SELECT 2");
    }
}
