package dev.sluice.core.sql;

import java.util.Objects;

/**
 * A dialect-aware SQL tokenizer that walks a string once, left to right, without allocating per token.
 *
 * <p>It knows exactly as much as is needed to find statement boundaries and literals the way the server
 * will: quotes and their escapes, dollar quoting, comments (nested in PostgreSQL), MySQL's {@code #} comments
 * and executable comments. It never throws: an unterminated quote or comment runs to the end of the input.
 * Each call to {@link #next()} consumes at least one character, so a full pass is linear in the input.
 *
 * <p>Usage: {@code while (lexer.next() != null) { lexer.type(); lexer.start(); lexer.end(); }}
 */
final class SqlLexer {

    private final String sql;
    private final SqlDialect dialect;
    private final int length;
    private int pos;
    private int start;
    private SqlTokenType type;
    /** Inside a MySQL {@code /*!…*}{@code /} comment, whose content the server executes as SQL. */
    private boolean inExecutableComment;

    SqlLexer(String sql, SqlDialect dialect) {
        this.sql = Objects.requireNonNull(sql, "sql");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.length = sql.length();
    }

    /** Advances to the next token and returns its type, or {@code null} at the end of the input. */
    SqlTokenType next() {
        if (pos >= length) {
            type = null;
            start = length;
            return null;
        }
        start = pos;
        type = scan(sql.charAt(pos));
        return type;
    }

    SqlTokenType type() {
        return type;
    }

    /** Offset of the current token's first character. */
    int start() {
        return start;
    }

    /** Offset just past the current token's last character. */
    int end() {
        return pos;
    }

    String text() {
        return sql.substring(start, pos);
    }

    /** Whether the current token is the given word, ignoring case. */
    boolean isWord(String word) {
        return type == SqlTokenType.WORD && pos - start == word.length()
                && sql.regionMatches(true, start, word, 0, word.length());
    }

    private SqlTokenType scan(char c) {
        if (isWhitespace(c)) {
            return whitespace();
        }
        boolean mysql = dialect == SqlDialect.MYSQL;
        return switch (c) {
            case '-' -> at(pos + 1) == '-' && (!mysql || mysqlDashCommentFollows())
                    ? lineComment() : single(SqlTokenType.OTHER);
            case '#' -> mysql ? lineComment() : single(SqlTokenType.OTHER);
            case '/' -> at(pos + 1) == '*' ? blockComment(mysql) : single(SqlTokenType.OTHER);
            case '*' -> inExecutableComment && at(pos + 1) == '/' ? endExecutableComment() : single(SqlTokenType.OTHER);
            case '\'' -> quoted('\'', mysql, SqlTokenType.STRING);
            // MySQL (without ANSI_QUOTES) reads "…" as a string literal; PostgreSQL as an identifier.
            case '"' -> mysql ? quoted('"', true, SqlTokenType.STRING) : quoted('"', false, SqlTokenType.QUOTED_IDENTIFIER);
            case '`' -> mysql ? quoted('`', false, SqlTokenType.QUOTED_IDENTIFIER) : single(SqlTokenType.OTHER);
            case '$' -> mysql ? word() : dollar();
            case '?' -> single(mysql ? SqlTokenType.PARAMETER : SqlTokenType.OTHER);
            case '(' -> single(SqlTokenType.OPEN_PAREN);
            case ')' -> single(SqlTokenType.CLOSE_PAREN);
            case ';' -> single(SqlTokenType.SEMICOLON);
            case '.' -> isDigit(at(pos + 1)) ? number() : single(SqlTokenType.OTHER);
            default -> isDigit(c) ? number() : isIdentifierStart(c) ? word() : single(SqlTokenType.OTHER);
        };
    }

    private SqlTokenType endExecutableComment() {
        inExecutableComment = false;
        pos += 2;
        return SqlTokenType.WHITESPACE;
    }

    private SqlTokenType single(SqlTokenType t) {
        pos++;
        return t;
    }

    private SqlTokenType whitespace() {
        while (pos < length && isWhitespace(sql.charAt(pos))) {
            pos++;
        }
        return SqlTokenType.WHITESPACE;
    }

    /** MySQL only treats {@code --} as a comment when a space or control character (or the end) follows. */
    private boolean mysqlDashCommentFollows() {
        int i = pos + 2;
        return i >= length || sql.charAt(i) <= ' ';
    }

    private SqlTokenType lineComment() {
        while (pos < length && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
        return SqlTokenType.COMMENT;
    }

    private SqlTokenType blockComment(boolean mysql) {
        if (mysql) {
            // /*!50000 … */ and MariaDB's /*M!100100 … */ are executed by the server: lex their content as SQL.
            int bang = at(pos + 2) == '!' ? pos + 3 : at(pos + 2) == 'M' && at(pos + 3) == '!' ? pos + 4 : -1;
            if (bang > 0 && !inExecutableComment) {
                pos = bang;
                while (pos < length && isDigit(sql.charAt(pos))) {
                    pos++;
                }
                inExecutableComment = true;
                return SqlTokenType.WHITESPACE;
            }
            int close = sql.indexOf("*/", pos + 2);
            pos = close < 0 ? length : close + 2;
            return SqlTokenType.COMMENT;
        }
        int depth = 0;
        while (pos < length) {
            char c = sql.charAt(pos);
            if (c == '/' && at(pos + 1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && at(pos + 1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    break;
                }
            } else {
                pos++;
            }
        }
        return SqlTokenType.COMMENT;
    }

    /**
     * A quoted token starting at {@code pos}: the quote doubled is an escaped quote; with {@code backslashEscapes}
     * a backslash escapes the next character (MySQL strings, PostgreSQL E'' strings).
     */
    private SqlTokenType quoted(char quote, boolean backslashEscapes, SqlTokenType t) {
        pos++;
        while (pos < length) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos = Math.min(length, pos + 2);
            } else if (c == quote) {
                if (at(pos + 1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return t;
                }
            } else {
                pos++;
            }
        }
        return t;
    }

    /** PostgreSQL: {@code $1} parameter, {@code $tag$…$tag$} / {@code $$…$$} string, or a lone {@code $}. */
    private SqlTokenType dollar() {
        if (isDigit(at(pos + 1))) {
            pos++;
            while (pos < length && isDigit(sql.charAt(pos))) {
                pos++;
            }
            return SqlTokenType.PARAMETER;
        }
        int tagEnd = pos + 1;
        if (tagEnd < length && isIdentifierStart(sql.charAt(tagEnd))) {
            while (tagEnd < length && isIdentifierPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
                tagEnd++;
            }
        }
        if (at(tagEnd) != '$') {
            return single(SqlTokenType.OTHER);
        }
        String tag = sql.substring(pos, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        pos = close < 0 ? length : close + tag.length();
        return SqlTokenType.STRING;
    }

    private SqlTokenType number() {
        char c = sql.charAt(pos);
        char radix = Character.toLowerCase(at(pos + 1));
        if (c == '0' && (radix == 'x' || radix == 'b' || radix == 'o') && isHexDigit(at(pos + 2))) {
            pos += 2;
            while (pos < length && (isHexDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
                pos++;
            }
            return afterNumber();
        }
        digits();
        if (at(pos) == '.' && at(pos + 1) != '.') {
            pos++;
            digits();
        }
        char e = at(pos);
        if (e == 'e' || e == 'E') {
            int exponent = pos + 1;
            if (at(exponent) == '+' || at(exponent) == '-') {
                exponent++;
            }
            if (isDigit(at(exponent))) {
                pos = exponent;
                digits();
            }
        }
        return afterNumber();
    }

    /** MySQL identifiers may begin with digits ({@code 1abc}); PostgreSQL reads {@code 1abc} as a number then a word. */
    private SqlTokenType afterNumber() {
        if (dialect == SqlDialect.MYSQL && pos < length && isIdentifierPart(sql.charAt(pos))) {
            while (pos < length && isIdentifierPart(sql.charAt(pos))) {
                pos++;
            }
            return SqlTokenType.WORD;
        }
        return SqlTokenType.NUMBER;
    }

    /** Digits; PostgreSQL 16+ also allows underscores between them ({@code 1_000}). */
    private void digits() {
        boolean underscores = dialect == SqlDialect.POSTGRESQL;
        while (pos < length
                && (isDigit(sql.charAt(pos)) || underscores && sql.charAt(pos) == '_' && isDigit(at(pos + 1)))) {
            pos++;
        }
    }

    private SqlTokenType word() {
        int wordStart = pos;
        while (pos < length && isIdentifierPart(sql.charAt(pos))) {
            pos++;
        }
        int len = pos - wordStart;
        char next = at(pos);
        if (len == 1) {
            char p = Character.toLowerCase(sql.charAt(wordStart));
            boolean postgres = dialect == SqlDialect.POSTGRESQL;
            if (next == '\'' && (p == 'n' || p == 'b' || p == 'x' || p == 'e' && postgres)) {
                // E'…' has backslash escapes in PostgreSQL; MySQL strings always have them.
                return quoted('\'', !postgres || p == 'e', SqlTokenType.STRING);
            }
            if (p == 'u' && next == '&' && postgres) {
                char quote = at(pos + 1);
                if (quote == '\'') {
                    pos++;
                    return quoted('\'', false, SqlTokenType.STRING);
                }
                if (quote == '"') {
                    pos++;
                    return quoted('"', false, SqlTokenType.QUOTED_IDENTIFIER);
                }
            }
        }
        return SqlTokenType.WORD;
    }

    private char at(int i) {
        return i < length ? sql.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The servers' own notion of whitespace: ASCII only (a no-break space is an identifier character to them). */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** Both servers accept any non-ASCII character in unquoted identifiers. */
    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }
}
