package dev.sluice.core.sql;

import dev.sluice.core.command.SqlStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A statement's kind from its leading keywords: the vocabulary policies are written in
 * ({@code command.sql.kind in ['DROP','TRUNCATE']}). See {@link ParsingSqlAnalyzer} for the list.
 */
final class StatementKinds {

    /** Leading keywords that are their own kind. */
    private static final Set<String> KEYWORDS = Set.of(
            "SELECT", "VALUES", "INSERT", "UPDATE", "DELETE", "MERGE", "REPLACE",
            "CREATE", "DROP", "ALTER", "TRUNCATE", "RENAME", "COMMENT", "GRANT", "REVOKE",
            "COPY", "LOAD", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE",
            "SET", "RESET", "SHOW", "USE", "DESCRIBE", "EXPLAIN", "CALL", "DO",
            "LISTEN", "NOTIFY", "UNLISTEN", "PREPARE", "EXECUTE", "DEALLOCATE", "DISCARD",
            "DECLARE", "FETCH", "MOVE", "CLOSE", "LOCK", "UNLOCK",
            "VACUUM", "ANALYZE", "CLUSTER", "REINDEX", "REFRESH", "CHECKPOINT",
            "SECURITY", "REASSIGN", "IMPORT",
            "HANDLER", "KILL", "FLUSH", "OPTIMIZE", "REPAIR", "CHECK", "CHECKSUM", "INSTALL", "UNINSTALL",
            "PURGE", "XA", "CACHE", "CHANGE", "STOP", "START", "HELP", "SIGNAL", "RESIGNAL", "GET",
            "SHUTDOWN", "RESTART", "CLONE", "BINLOG");

    /** Synonyms, mapped to the kind policies see. */
    private static final Map<String, String> SYNONYMS = Map.of(
            "TABLE", "SELECT",      // TABLE t is SELECT * FROM t
            "ABORT", "ROLLBACK",    // PostgreSQL
            "ANALYSE", "ANALYZE",   // PostgreSQL accepts both spellings
            "EXEC", "EXECUTE",
            "DESC", "DESCRIBE");

    /**
     * Leading keywords JSqlParser 5.3 cannot parse, or parses as something else ({@code BEGIN} as a T-SQL
     * block): such statements go straight to the keyword fallback without paying for a failed parse.
     */
    private static final Set<String> UNPARSEABLE = Set.of(
            "BEGIN", "START", "END", "ABORT", "COPY", "DO", "LISTEN", "UNLISTEN", "NOTIFY", "PREPARE",
            "DEALLOCATE", "DISCARD", "VACUUM", "LOAD", "LOCK", "UNLOCK", "CHECKPOINT", "REINDEX", "CLUSTER",
            "RELEASE", "DECLARE", "FETCH", "MOVE", "CLOSE", "SECURITY", "REASSIGN", "IMPORT", "HANDLER",
            "KILL", "FLUSH", "XA", "REVOKE");

    /** After DESCRIBE/DESC (MySQL), these make it an EXPLAIN rather than a table description. */
    private static final Set<String> EXPLAINABLE = Set.of(
            "SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "TABLE", "WITH", "VALUES", "FORMAT", "ANALYZE",
            "EXTENDED", "PARTITIONS", "FOR");

    private StatementKinds() {
    }

    /** Index of the first token after any leading opening parentheses. */
    static int firstKeyword(List<SqlTokens.Token> tokens) {
        int i = 0;
        while (i < tokens.size() && tokens.get(i).type() == SqlTokenType.OPEN_PAREN) {
            i++;
        }
        return i;
    }

    /** The kind the leading keywords name; {@code WITH} for a WITH statement; {@link SqlStatement#UNKNOWN}. */
    static String leading(List<SqlTokens.Token> tokens, SqlDialect dialect) {
        int i = firstKeyword(tokens);
        if (i >= tokens.size() || tokens.get(i).type() != SqlTokenType.WORD) {
            return SqlStatement.UNKNOWN;
        }
        String word = tokens.get(i).text().toUpperCase(Locale.ROOT);
        SqlTokens.Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        return switch (word) {
            case "WITH" -> "WITH";
            case "END" -> dialect == SqlDialect.POSTGRESQL ? "COMMIT" : SqlStatement.UNKNOWN;
            case "START" -> next != null && next.isWord("TRANSACTION") ? "BEGIN" : "START";
            case "DESC", "DESCRIBE" -> next != null && (next.type() == SqlTokenType.OPEN_PAREN
                    || EXPLAINABLE.contains(next.text().toUpperCase(Locale.ROOT))) ? "EXPLAIN" : "DESCRIBE";
            default -> {
                String synonym = SYNONYMS.get(word);
                yield synonym != null ? synonym : KEYWORDS.contains(word) ? word : SqlStatement.UNKNOWN;
            }
        };
    }

    /** Whether the parser should be skipped for a statement with these leading tokens. */
    static boolean unparseable(List<SqlTokens.Token> tokens) {
        int i = firstKeyword(tokens);
        return i >= tokens.size() || tokens.get(i).type() != SqlTokenType.WORD
                || UNPARSEABLE.contains(tokens.get(i).text().toUpperCase(Locale.ROOT));
    }

    /** The kind of a parsed WITH statement: that of its main statement. */
    static String ofMainStatement(Statement statement) {
        return switch (statement) {
            case Select ignored -> "SELECT";
            case Insert ignored -> "INSERT";
            case Update ignored -> "UPDATE";
            case Delete ignored -> "DELETE";
            case Merge ignored -> "MERGE";
            case Upsert ignored -> "INSERT";
            default -> SqlStatement.UNKNOWN;
        };
    }
}
