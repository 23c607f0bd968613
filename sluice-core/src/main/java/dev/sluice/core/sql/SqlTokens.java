package dev.sluice.core.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A statement's significant tokens as a list, for the keyword fallback, which needs to look ahead. The hot
 * path never builds one: the splitter and normaliser stream tokens from the {@link SqlLexer} instead.
 */
final class SqlTokens {

    /**
     * One token. {@code text} may hold a literal value: it is used to match keywords and names, never logged.
     */
    record Token(SqlTokenType type, int start, int end, String text) {

        boolean isWord(String word) {
            return type == SqlTokenType.WORD && text.equalsIgnoreCase(word);
        }

        boolean isName() {
            return type == SqlTokenType.WORD || type == SqlTokenType.QUOTED_IDENTIFIER;
        }

        boolean is(char c) {
            return text.length() == 1 && text.charAt(0) == c && type != SqlTokenType.STRING;
        }

        @Override
        public String toString() {
            return type.literal() ? type.name() : type + "[" + text + "]";
        }
    }

    private SqlTokens() {
    }

    static List<Token> significant(String sql, SqlDialect dialect) {
        List<Token> tokens = new ArrayList<>();
        SqlLexer lexer = new SqlLexer(sql, dialect);
        for (SqlTokenType type = lexer.next(); type != null; type = lexer.next()) {
            if (type.significant()) {
                tokens.add(new Token(type, lexer.start(), lexer.end(), lexer.text()));
            }
        }
        return tokens;
    }
}
