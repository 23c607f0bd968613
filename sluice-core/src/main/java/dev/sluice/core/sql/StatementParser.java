package dev.sluice.core.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserConstants;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.TokenMgrException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs JSqlParser on one statement's text, on the caller's thread, with guards for the gateway's hot path.
 *
 * <p>Mirrors {@code CCJSqlParserUtil.parse} without its executor hop: a simple parse first (the faster one for
 * ordinary statements), then a complex parse only if the simple one failed and the text is nested no deeper
 * than {@link CCJSqlParserUtil#ALLOWED_NESTING_DEPTH} and the failure was not lexical. (Complex parsing first, as
 * {@code withAllowComplexParsing(true)} alone would do, measured up to three times slower on ordinary statements
 * and exponential on incomplete ones: {@code VALUES ((?} takes over a second; no statement in the test corpus
 * needed it.) Every attempt runs under a {@link ParseWatchdog} budget; text nested deeper than
 * {@link #MAX_PAREN_DEPTH} is not parsed at all. A result counts only if the parser consumed the whole text,
 * was not interrupted and recognised the statement ({@link UnsupportedStatement} is a failure: it is
 * JSqlParser's way of saying it skipped the text).
 */
final class StatementParser {

    /** Deeper parenthesis nesting than this is refused unparsed: JSqlParser's cost grows exponentially with it. */
    static final int MAX_PAREN_DEPTH = 24;

    private final Duration budget;

    StatementParser(Duration budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        WarmUp.ensure();
    }

    /**
     * Loads and initialises JSqlParser's (very large) parser classes once per JVM, outside any time budget, so
     * that the first statements a gateway sees are not cut short by class loading and fall back to keywords.
     */
    private static final class WarmUp {

        static {
            for (String sql : new String[] {
                    "SELECT a, b FROM s.t JOIN u ON t.id = u.id WHERE a = ? AND b IN (SELECT c FROM v) ORDER BY a",
                    "INSERT INTO t (a) VALUES (?)", "UPDATE t SET a = ? WHERE b = ?", "DELETE FROM t WHERE a = ?"}) {
                try {
                    CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false).Statement();
                } catch (Exception e) {
                    // Warming only.
                }
            }
        }

        static void ensure() {
            // Running the static initialiser is the point.
        }
    }

    /**
     * A successful parse: the statement and the root of the parser's syntax tree (every table name written in
     * the text is a {@code TableName} node under it).
     */
    record Parsed(Statement statement, Node root) {
    }

    /** Why a parse produced no tree. */
    enum Failure {
        /** It did produce one. */
        NONE,
        /** Not a statement JSqlParser understands, or not all of the text was consumed. */
        SYNTAX,
        /** A character JSqlParser's lexer does not accept: a complex parse would fail on it too. */
        LEXICAL,
        /** The time budget ran out. */
        OVER_BUDGET,
        /** Nested too deeply to try. */
        TOO_DEEP
    }

    /** The outcome of parsing: the tree when it worked, otherwise why not. */
    record Outcome(Optional<Parsed> parsed, Failure failure) {

        static Outcome failed(Failure failure) {
            return new Outcome(Optional.empty(), failure);
        }
    }

    Outcome parse(String sql, int parenDepth) {
        if (sql.isEmpty()) {
            return Outcome.failed(Failure.SYNTAX);
        }
        if (parenDepth > MAX_PAREN_DEPTH) {
            return Outcome.failed(Failure.TOO_DEEP);
        }
        Outcome simple = attempt(sql, false);
        if (simple.failure() != Failure.SYNTAX || parenDepth > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
            return simple;
        }
        return attempt(sql, true);
    }

    private Outcome attempt(String sql, boolean complex) {
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql)
                .withAllowComplexParsing(complex)
                .withUnsupportedStatements(false);
        ScheduledFuture<?> alarm = ParseWatchdog.arm(parser, budget);
        try {
            Statement statement = parser.Statement();
            boolean whole = parser.getNextToken().kind == CCJSqlParserConstants.EOF;
            if (parser.interrupted) {
                return Outcome.failed(Failure.OVER_BUDGET);
            }
            if (statement == null || statement instanceof UnsupportedStatement || !whole) {
                return Outcome.failed(Failure.SYNTAX);
            }
            return new Outcome(Optional.of(new Parsed(statement, parser.getASTRoot())), Failure.NONE);
        } catch (TokenMgrException e) {
            return Outcome.failed(parser.interrupted ? Failure.OVER_BUDGET : Failure.LEXICAL);
        } catch (Exception | StackOverflowError e) {
            // Not understood (or too deep for the parser's recursion): the caller falls back to keywords.
            return Outcome.failed(parser.interrupted ? Failure.OVER_BUDGET : Failure.SYNTAX);
        } finally {
            alarm.cancel(false);
        }
    }
}
