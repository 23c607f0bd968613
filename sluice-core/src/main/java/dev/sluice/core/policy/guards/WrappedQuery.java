package dev.sluice.core.policy.guards;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query inside a statement that only wraps one: {@code DECLARE c CURSOR FOR q}, {@code PREPARE p AS q} and
 * {@code COPY (q) TO …}. The SQL parser reads none of the three, but the query in them is ordinary SQL: analysed on its
 * own, the guards judge what it filters and sorts on instead of refusing the statement as unreadable.
 */
final class WrappedQuery {

    /** Its own small cache: these statements are rare, and their queries differ from the session's plain ones. */
    private static final ParsingSqlAnalyzer ANALYZER = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 1_000);

    private static final Pattern DECLARE = Pattern.compile("(?is)^\\s*DECLARE\\s+\\S+\\s.*?\\bCURSOR\\b.*?\\bFOR\\s+(.+)$");
    private static final Pattern PREPARE = Pattern.compile("(?is)^\\s*PREPARE\\s+\\S+?\\s*(?:\\([^)]*\\))?\\s*AS\\s+(.+)$");
    private static final Pattern COPY = Pattern.compile("(?is)^\\s*COPY\\s*\\((.+)\\)\\s*TO\\b.*$");

    private WrappedQuery() {
    }

    /** The wrapped query, analysed; empty when the statement wraps none or the query is not one statement. */
    static Optional<SqlStatement> of(SqlStatement statement) {
        Pattern pattern = switch (statement.kind()) {
            case "DECLARE" -> DECLARE;
            case "PREPARE" -> PREPARE;
            case "COPY" -> COPY;
            default -> null;
        };
        if (pattern == null) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(statement.normalizedText());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<SqlStatement> inner = ANALYZER.analyze(matcher.group(1));
        return inner.size() == 1 ? Optional.of(inner.getFirst()) : Optional.empty();
    }
}
