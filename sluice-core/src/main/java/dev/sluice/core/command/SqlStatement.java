package dev.sluice.core.command;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The analysis of one SQL statement.
 *
 * @param kind           upper-case statement kind: {@code SELECT}, {@code INSERT}, {@code DROP}, {@code COPY},
 *                       {@code BEGIN}…, or {@code UNKNOWN} when not even the keyword fallback recognised it
 * @param normalizedText the statement with every literal replaced by {@code ?}: safe to store, and the cache key
 * @param tablesRead     tables the statement reads, lower-cased and schema-qualified where the text qualifies them
 * @param tablesWritten  tables the statement inserts into, updates, deletes from, creates, alters or drops
 * @param hasWhere       for UPDATE and DELETE: whether a WHERE clause restricts the rows (false for other kinds)
 * @param hasLimit       for SELECT: whether LIMIT (not {@code LIMIT ALL}) or FETCH FIRST bounds the rows returned
 *                       (false for other kinds)
 * @param functions      lower-case names of the functions the statement calls, anywhere in it, schema-qualified
 *                       where the text qualifies them ({@code pg_catalog.pg_read_file}); a {@code CALL}ed procedure
 *                       counts. Complete only when parsed: the keyword fallback names what its tokens show
 * @param traits         facts from the fixed vocabulary of {@link SqlTraits} ({@code COPY_PROGRAM},
 *                       {@code ROLE_CHANGE}…); set from the leading keywords even when the statement did not parse
 * @param parsed         true when the full SQL parser understood the statement; false for keyword-fallback results
 * @param syntaxTree     the parser's syntax tree (a {@code net.sf.jsqlparser.statement.Statement}) when parsed;
 *                       shared between sessions through the analysis cache, so treat it as read-only
 */
public record SqlStatement(String kind, String normalizedText, Set<String> tablesRead, Set<String> tablesWritten,
                           boolean hasWhere, boolean hasLimit, Set<String> functions, Set<String> traits,
                           boolean parsed, Optional<Object> syntaxTree) {

    public static final String UNKNOWN = "UNKNOWN";

    /**
     * The kind of a call to a function by its identifier, outside SQL (PostgreSQL's fastpath function call): there
     * is no statement text, only the function and its arguments.
     */
    public static final String FUNCTION_CALL = "FUNCTION_CALL";

    public SqlStatement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalizedText, "normalizedText");
        tablesRead = Set.copyOf(tablesRead);
        tablesWritten = Set.copyOf(tablesWritten);
        functions = Set.copyOf(functions);
        traits = Set.copyOf(traits);
        syntaxTree = syntaxTree == null ? Optional.empty() : syntaxTree;
    }

    /**
     * A statement the gateway cannot see into: nothing was parsed and no tables are known, so a policy or mask plan
     * that depends on them must treat it as unknown (fail closed).
     *
     * @param kind        e.g. {@link #FUNCTION_CALL}
     * @param description what was asked, in words safe to store (no argument values): the audit text
     */
    public static SqlStatement opaque(String kind, String description) {
        return new SqlStatement(kind, description, Set.of(), Set.of(), false, false, Set.of(), Set.of(), false,
                Optional.empty());
    }

    @Override
    public String toString() {
        return "SqlStatement[kind=" + kind + ", read=" + tablesRead + ", written=" + tablesWritten
                + ", hasWhere=" + hasWhere + ", hasLimit=" + hasLimit + ", functions=" + functions
                + ", traits=" + traits + ", parsed=" + parsed + "]";
    }
}
