package dev.sluice.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * One lexer pass over a SQL string that finds its statements and, when asked, builds each one's literal-free
 * text at the same time. The splitter and the normaliser are thin views of this pass, so they always agree on
 * where statements start and end.
 */
final class StatementScanner {

    /**
     * A statement found in the input.
     *
     * @param start         offset of its first significant token
     * @param end           offset just past its last significant token (a final {@code ;} is not included)
     * @param normalized    its literal-free text, or {@code null} when the scan did not build it
     * @param maxParenDepth deepest parenthesis nesting in it
     */
    record Scanned(int start, int end, String normalized, int maxParenDepth) {
    }

    private StatementScanner() {
    }

    /**
     * Scans {@code sql}; with a non-null {@code literalReplacement} every statement's normalised text is built,
     * each literal replaced by that string. Statements holding only whitespace and comments are dropped.
     */
    static List<Scanned> scan(String sql, SqlDialect dialect, String literalReplacement) {
        List<Scanned> statements = new ArrayList<>(2);
        SqlLexer lexer = new SqlLexer(sql, dialect);
        StatementBoundary boundary = new StatementBoundary(dialect);
        LiteralFreeText text = literalReplacement == null ? null : new LiteralFreeText(sql.length(), literalReplacement);
        int first = -1;
        int last = -1;
        for (SqlTokenType type = lexer.next(); type != null; type = lexer.next()) {
            if (!type.significant()) {
                if (text != null) {
                    text.separator();
                }
                continue;
            }
            if (boundary.endsStatement(lexer)) {
                if (first >= 0) {
                    statements.add(new Scanned(first, last, text == null ? null : text.take(), boundary.maxParenDepth()));
                }
                first = -1;
                boundary.reset();
                continue;
            }
            if (first < 0) {
                first = lexer.start();
            }
            last = lexer.end();
            if (text != null) {
                text.token(sql, lexer);
            }
        }
        if (first >= 0) {
            statements.add(new Scanned(first, last, text == null ? null : text.take(), boundary.maxParenDepth()));
        }
        return statements;
    }
}
