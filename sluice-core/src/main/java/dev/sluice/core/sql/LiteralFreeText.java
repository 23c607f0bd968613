package dev.sluice.core.sql;

/**
 * Builds a statement's normalised text token by token: literals become a fixed replacement, comments and runs
 * of whitespace become one space, everything else is copied as written.
 *
 * <p>Dropping a comment must never glue two tokens into something new, so a space is kept wherever the input
 * had whitespace or a comment, and added where two adjacent characters would start or end a comment for a
 * later reader: {@code --}, {@code /*}, {@code *}{@code /}, and {@code //} (a line comment to JSqlParser; the
 * text is a single line, so that would hide the rest of the statement from the parser).
 */
final class LiteralFreeText {

    private final StringBuilder out;
    private final String literalReplacement;
    private boolean pendingSpace;

    LiteralFreeText(int capacity, String literalReplacement) {
        this.out = new StringBuilder(Math.min(capacity, 1 << 16));
        this.literalReplacement = literalReplacement;
    }

    /** Whitespace or a comment was skipped: separate whatever comes next from what came before. */
    void separator() {
        pendingSpace = !out.isEmpty();
    }

    /** Appends the lexer's current significant token. */
    void token(String sql, SqlLexer lexer) {
        boolean literal = lexer.type().literal();
        char first = literal ? literalReplacement.charAt(0) : sql.charAt(lexer.start());
        if (pendingSpace || (!out.isEmpty() && wouldFormComment(out.charAt(out.length() - 1), first))) {
            out.append(' ');
        }
        pendingSpace = false;
        if (literal) {
            out.append(literalReplacement);
        } else {
            out.append(sql, lexer.start(), lexer.end());
        }
    }

    boolean isEmpty() {
        return out.isEmpty();
    }

    /** Returns the text built so far and starts a new statement. */
    String take() {
        String text = out.toString();
        out.setLength(0);
        pendingSpace = false;
        return text;
    }

    private static boolean wouldFormComment(char previous, char next) {
        return (previous == '-' && next == '-') || (previous == '/' && (next == '*' || next == '/'))
                || (previous == '*' && next == '/');
    }
}
