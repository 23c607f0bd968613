package dev.sluice.postgres.resultmask;

import dev.sluice.postgres.masking.CopyFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a {@code COPY … TO STDOUT} statement says that its CopyOutResponse does not: what is copied (a table and its
 * column list, or a query) and the layout (FORMAT, DELIMITER, NULL, HEADER, QUOTE, ESCAPE, ENCODING), in the
 * current option syntax and the pre-9.0 one. Anything this reader does not understand makes the statement
 * unreadable ({@link #parse} is empty), and the masking refuses the COPY rather than guess its layout.
 *
 * @param schema   the table's schema, or null (unqualified, or a query)
 * @param table    the table, or null for {@code COPY (query)}
 * @param columns  the column list, lower-cased, empty for all columns
 * @param query    the query's text for {@code COPY (query)}, else null
 * @param binary   {@code FORMAT binary}
 * @param layout   the textual layout (text or CSV with its options)
 * @param encoding the ENCODING option, or null
 */
public record CopyStatement(String schema, String table, List<String> columns, String query, boolean binary,
                            CopyFormat layout, String encoding) {

    /** The statement, when it is a COPY … TO STDOUT this reader understands in full. */
    public static Optional<CopyStatement> parse(String sql) {
        try {
            return Optional.ofNullable(new Reader(sql, Tokens.of(sql)).read());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private record Token(char kind, String text, int start, int end) {
        // kinds: w word (lower-cased unless quoted), q quoted identifier, s string, ( ) , . ; and o other
        boolean word(String w) {
            return kind == 'w' && text.equals(w);
        }
    }

    private static final class Tokens {
        static List<Token> of(String sql) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    while (i < n && sql.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int end = sql.indexOf("*/", i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated comment");
                    }
                    i = end + 2;
                } else if ((c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
                    int[] end = new int[1];
                    String value = string(sql, i + 1, true, end);
                    tokens.add(new Token('s', value, i, end[0]));
                    i = end[0];
                } else if (c == '\'') {
                    int[] end = new int[1];
                    String value = string(sql, i, false, end);
                    tokens.add(new Token('s', value, i, end[0]));
                    i = end[0];
                } else if (c == '"') {
                    StringBuilder out = new StringBuilder();
                    int j = i + 1;
                    while (true) {
                        if (j >= n) {
                            throw new IllegalArgumentException("unterminated identifier");
                        }
                        char d = sql.charAt(j);
                        if (d == '"') {
                            if (j + 1 < n && sql.charAt(j + 1) == '"') {
                                out.append('"');
                                j += 2;
                                continue;
                            }
                            break;
                        }
                        out.append(d);
                        j++;
                    }
                    tokens.add(new Token('q', out.toString(), i, j + 1));
                    i = j + 1;
                } else if (Character.isLetter(c) || c == '_') {
                    int j = i;
                    while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                            || sql.charAt(j) == '$')) {
                        j++;
                    }
                    tokens.add(new Token('w', sql.substring(i, j).toLowerCase(Locale.ROOT), i, j));
                    i = j;
                } else if (c == '$') {
                    int close = sql.indexOf('$', i + 1);
                    if (close < 0) {
                        throw new IllegalArgumentException("bad dollar quote");
                    }
                    String tag = sql.substring(i, close + 1);
                    int end = sql.indexOf(tag, close + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated dollar quote");
                    }
                    tokens.add(new Token('s', sql.substring(close + 1, end), i, end + tag.length()));
                    i = end + tag.length();
                } else if ("(),.;".indexOf(c) >= 0) {
                    tokens.add(new Token(c, String.valueOf(c), i, i + 1));
                    i++;
                } else {
                    int j = i;
                    while (j < n && !Character.isWhitespace(sql.charAt(j)) && "(),.;'\"".indexOf(sql.charAt(j)) < 0) {
                        j++;
                    }
                    tokens.add(new Token('o', sql.substring(i, j), i, j));
                    i = j;
                }
            }
            return tokens;
        }

        private static String string(String sql, int quote, boolean escapes, int[] end) {
            StringBuilder out = new StringBuilder();
            int j = quote + 1;
            int n = sql.length();
            while (true) {
                if (j >= n) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char d = sql.charAt(j);
                if (d == '\'') {
                    if (j + 1 < n && sql.charAt(j + 1) == '\'') {
                        out.append('\'');
                        j += 2;
                        continue;
                    }
                    end[0] = j + 1;
                    return out.toString();
                }
                if (escapes && d == '\\') {
                    if (j + 1 >= n) {
                        throw new IllegalArgumentException("bad escape");
                    }
                    char e = sql.charAt(j + 1);
                    switch (e) {
                        case 't' -> out.append('\t');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case '\\', '\'' -> out.append(e);
                        default -> throw new IllegalArgumentException("escape not understood");
                    }
                    j += 2;
                    continue;
                }
                out.append(d);
                j++;
            }
        }
    }

    private static final class Reader {
        private final String sql;
        private final List<Token> tokens;
        private int at;
        private String schema;
        private String table;
        private final List<String> columns = new ArrayList<>();
        private String query;
        private String format = "text";
        private Character delimiter;
        private String nullString;
        private boolean header;
        private Character quote;
        private Character escape;
        private String encoding;

        Reader(String sql, List<Token> tokens) {
            this.sql = sql;
            this.tokens = tokens;
        }

        CopyStatement read() {
            expectWord("copy");
            if (peek('(')) {
                int open = at;
                int depth = 0;
                do {
                    Token t = next();
                    depth += t.kind() == '(' ? 1 : t.kind() == ')' ? -1 : 0;
                } while (depth > 0);
                query = sql.substring(tokens.get(open).end(), tokens.get(at - 1).start()).strip();
                return rest();
            }
            name();
            if (peek('(')) {
                at++;
                while (true) {
                    columns.add(identifier());
                    if (peek(')')) {
                        at++;
                        break;
                    }
                    expect(',');
                }
            }
            return rest();
        }

        private CopyStatement rest() {
            expectWord("to");
            expectWord("stdout");
            if (peekWord("with")) {
                at++;
            }
            if (peek('(')) {
                at++;
                while (true) {
                    option();
                    if (peek(')')) {
                        at++;
                        break;
                    }
                    expect(',');
                }
            } else {
                legacyOptions();
            }
            if (peek(';')) {
                at++;
            }
            if (at != tokens.size()) {
                return null;
            }
            return build();
        }

        private void option() {
            String name = identifier();
            switch (name) {
                case "format" -> format = identifierOrString();
                case "delimiter" -> delimiter = oneChar(string());
                case "null" -> nullString = string();
                case "header" -> header = optionalBoolean();
                case "quote" -> quote = oneChar(string());
                case "escape" -> escape = oneChar(string());
                case "encoding" -> encoding = string();
                case "force_quote" -> {
                    if (peek('(')) {
                        skipParenthesised();
                    } else {
                        next(); // *
                    }
                }
                case "freeze", "on_error", "log_verbosity", "default" -> throw new IllegalStateException(name);
                default -> throw new IllegalStateException("unknown option");
            }
        }

        private void legacyOptions() {
            while (at < tokens.size() && !peek(';')) {
                String word = identifier();
                switch (word) {
                    case "binary" -> format = "binary";
                    case "csv" -> format = "csv";
                    case "header" -> header = true;
                    case "delimiter" -> {
                        skipAs();
                        delimiter = oneChar(string());
                    }
                    case "null" -> {
                        skipAs();
                        nullString = string();
                    }
                    case "quote" -> {
                        skipAs();
                        quote = oneChar(string());
                    }
                    case "escape" -> {
                        skipAs();
                        escape = oneChar(string());
                    }
                    case "force" -> {
                        expectWord("quote");
                        if (peek('(')) {
                            skipParenthesised();
                        } else {
                            while (at < tokens.size() && !peek(';')) {
                                identifier();
                                if (!peek(',')) {
                                    break;
                                }
                                at++;
                            }
                        }
                    }
                    default -> throw new IllegalStateException("unknown option");
                }
            }
        }

        private CopyStatement build() {
            CopyFormat layout = switch (format) {
                case "text", "binary" -> {
                    if (quote != null || escape != null) {
                        throw new IllegalStateException("quote only with csv");
                    }
                    yield new CopyFormat.Text(delimiter == null ? '\t' : delimiter,
                            nullString == null ? "\\N" : nullString, header);
                }
                case "csv" -> {
                    char q = quote == null ? '"' : quote;
                    yield new CopyFormat.Csv(delimiter == null ? ',' : delimiter, q, escape == null ? q : escape,
                            nullString == null ? "" : nullString, header);
                }
                default -> throw new IllegalStateException("unknown format");
            };
            return new CopyStatement(schema, table, List.copyOf(columns), query, format.equals("binary"), layout,
                    encoding);
        }

        private void name() {
            String first = identifier();
            if (peek('.')) {
                at++;
                schema = first;
                table = identifier();
            } else {
                table = first;
            }
        }

        private void skipAs() {
            if (peekWord("as")) {
                at++;
            }
        }

        private boolean optionalBoolean() {
            if (peek(',') || peek(')')) {
                return true;
            }
            Token t = next();
            String v = t.text().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "true", "on", "1" -> true;
                case "false", "off", "0" -> false;
                default -> throw new IllegalStateException("header value not understood (MATCH is COPY FROM only)");
            };
        }

        private void skipParenthesised() {
            expect('(');
            while (!peek(')')) {
                next();
            }
            at++;
        }

        private static char oneChar(String s) {
            if (s.length() != 1) {
                throw new IllegalStateException("one character expected");
            }
            return s.charAt(0);
        }

        private String identifierOrString() {
            Token t = next();
            if (t.kind() == 'w' || t.kind() == 's') {
                return t.text().toLowerCase(Locale.ROOT);
            }
            if (t.kind() == 'q') {
                return t.text();
            }
            throw new IllegalStateException("name expected");
        }

        private String identifier() {
            Token t = next();
            if (t.kind() != 'w' && t.kind() != 'q') {
                throw new IllegalStateException("identifier expected");
            }
            return t.text();
        }

        private String string() {
            Token t = next();
            if (t.kind() != 's') {
                throw new IllegalStateException("string expected");
            }
            return t.text();
        }

        private Token next() {
            if (at >= tokens.size()) {
                throw new IllegalStateException("unexpected end");
            }
            return tokens.get(at++);
        }

        private boolean peek(char kind) {
            return at < tokens.size() && tokens.get(at).kind() == kind;
        }

        private boolean peekWord(String word) {
            return at < tokens.size() && tokens.get(at).word(word);
        }

        private void expect(char kind) {
            if (next().kind() != kind) {
                throw new IllegalStateException("expected " + kind);
            }
        }

        private void expectWord(String word) {
            if (!next().word(word)) {
                throw new IllegalStateException("expected " + word);
            }
        }
    }

}
