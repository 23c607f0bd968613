package dev.sluice.core.sql;

/**
 * Decides whether a {@code ;} ends a statement: only at the top level, outside parentheses and, in PostgreSQL,
 * outside the {@code BEGIN ATOMIC … END} body of {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}.
 *
 * <p>Where this errs, it errs towards splitting: a fragment is judged on its own, which is stricter than judging
 * the whole. Not splitting where the server does would hide a statement, so the {@code BEGIN ATOMIC} rule is
 * narrower than psql's heuristic (which a function named {@code begin} would fool): {@code BEGIN} only opens a
 * body when {@code ATOMIC} follows it. Inside a body, {@code CASE … END} pairs are counted so that the body's own
 * {@code END} is found. An unbalanced {@code (} keeps the rest of the input in one statement; both servers reject
 * such a statement before running what follows it.
 */
final class StatementBoundary {

    private final boolean postgres;
    private int parenDepth;
    private int maxParenDepth;
    private int words;
    private Prefix prefix = Prefix.NONE;
    private boolean afterBegin;
    private int atomicDepth;

    StatementBoundary(SqlDialect dialect) {
        this.postgres = dialect == SqlDialect.POSTGRESQL;
    }

    /** Feeds the current significant token of {@code lexer}; returns true if it is a {@code ;} ending the statement. */
    boolean endsStatement(SqlLexer lexer) {
        SqlTokenType type = lexer.type();
        switch (type) {
            case OPEN_PAREN -> {
                parenDepth++;
                maxParenDepth = Math.max(maxParenDepth, parenDepth);
            }
            case CLOSE_PAREN -> parenDepth = Math.max(0, parenDepth - 1);
            case SEMICOLON -> {
                return parenDepth == 0 && atomicDepth == 0;
            }
            case WORD -> word(lexer);
            default -> {
            }
        }
        if (type != SqlTokenType.WORD) {
            afterBegin = false;
        }
        return false;
    }

    /** Deepest parenthesis nesting seen in the current statement (a parser cost guard). */
    int maxParenDepth() {
        return maxParenDepth;
    }

    void reset() {
        parenDepth = 0;
        maxParenDepth = 0;
        words = 0;
        prefix = Prefix.NONE;
        afterBegin = false;
        atomicDepth = 0;
    }

    private void word(SqlLexer lexer) {
        if (!postgres) {
            return;
        }
        if (words < 4) {
            prefix = nextPrefix(lexer, words);
        }
        words++;
        if (prefix != Prefix.ROUTINE) {
            return;
        }
        if (atomicDepth > 0) {
            if (lexer.isWord("CASE")) {
                atomicDepth++;
            } else if (lexer.isWord("END")) {
                atomicDepth--;
            }
        } else if (afterBegin && lexer.isWord("ATOMIC")) {
            atomicDepth = 1;
        }
        afterBegin = atomicDepth == 0 && parenDepth == 0 && lexer.isWord("BEGIN");
    }

    /** Where the first words are in {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}. */
    private enum Prefix { NONE, CREATE, OR, OR_REPLACE, ROUTINE }

    private Prefix nextPrefix(SqlLexer lexer, int index) {
        boolean routineWord = lexer.isWord("FUNCTION") || lexer.isWord("PROCEDURE");
        return switch (prefix) {
            case NONE -> index == 0 && lexer.isWord("CREATE") ? Prefix.CREATE : Prefix.NONE;
            case CREATE -> routineWord ? Prefix.ROUTINE : lexer.isWord("OR") ? Prefix.OR : Prefix.NONE;
            case OR -> lexer.isWord("REPLACE") ? Prefix.OR_REPLACE : Prefix.NONE;
            case OR_REPLACE -> routineWord ? Prefix.ROUTINE : Prefix.NONE;
            case ROUTINE -> Prefix.ROUTINE;
        };
    }
}
