package dev.sluice.core.sql;

import java.util.List;
import java.util.Objects;

/**
 * Splits a multi-statement SQL string into its statements at top-level semicolons, lexically correct for the
 * dialect: quotes and their escapes, PostgreSQL {@code E''} strings and dollar quoting, quoted identifiers,
 * {@code --} and (nested, in PostgreSQL) block comments, MySQL backslash escapes, backticks, {@code #} comments
 * and executable {@code /*!…*}{@code /} comments (whose content the server runs, so it is SQL here too).
 *
 * <p>Statements holding only whitespace and comments are dropped. Each statement is returned as written, from
 * its first to its last significant token, without the terminating {@code ;}. Linear time; never throws: an
 * unterminated quote or comment makes the rest of the input part of the current statement. Thread-safe.
 */
public final class SqlSplitter {

    private final SqlDialect dialect;

    public SqlSplitter(SqlDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** The statements in {@code sql}, in order; empty for {@code null}, blank or comment-only input. */
    public List<String> split(String sql) {
        if (sql == null || sql.isEmpty()) {
            return List.of();
        }
        return StatementScanner.scan(sql, dialect, null).stream()
                .map(statement -> sql.substring(statement.start(), statement.end()))
                .toList();
    }
}
