package dev.sluice.core.sql;

import java.util.List;
import java.util.Objects;

/**
 * Turns SQL into a fingerprint that is safe to store and shared by every statement that differs only in its
 * literal values: {@code SELECT * FROM t WHERE id = 1} and {@code … id = 2} both become
 * {@code SELECT * FROM t WHERE id = ?}.
 *
 * <p>Lexer-based, per dialect: every string literal (plain, {@code E''}, {@code N''}, {@code B''}, {@code X''},
 * {@code U&''}, dollar-quoted bodies such as a {@code DO $$ … $$} block, MySQL {@code "…"}) and every number is
 * replaced by {@code ?}; comments are removed; runs of whitespace become one space. Bind placeholders
 * ({@code $1}, {@code ?}), identifiers, keywords, operators and keyword literals ({@code TRUE}, {@code NULL})
 * are kept as written, so the result still parses. A minus sign stays a separate token ({@code -1} becomes
 * {@code -?}). Letter case is kept: the text is shown to people in the audit log. Never throws. Thread-safe.
 */
public final class SqlNormalizer {

    /** What a literal becomes. */
    public static final String PLACEHOLDER = "?";

    private final SqlDialect dialect;

    public SqlNormalizer(SqlDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** The normalised text of {@code sql}; several statements are joined with {@code "; "}. */
    public String normalize(String sql) {
        if (sql == null || sql.isEmpty()) {
            return "";
        }
        List<StatementScanner.Scanned> statements = StatementScanner.scan(sql, dialect, PLACEHOLDER);
        if (statements.size() == 1) {
            return statements.getFirst().normalized();
        }
        return String.join("; ", statements.stream().map(StatementScanner.Scanned::normalized).toList());
    }

    /**
     * The statements of {@code sql}, each normalised with {@code literalReplacement} in place of literals. The
     * analyser uses {@code ?} for cache keys and {@code ''} for a second parse attempt where the grammar wants a
     * literal ({@code DATE '2024-01-01'} parses, {@code DATE ?} does not).
     */
    List<StatementScanner.Scanned> splitAndNormalize(String sql, String literalReplacement) {
        return StatementScanner.scan(sql, dialect, literalReplacement);
    }
}
