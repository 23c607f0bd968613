package dev.sluice.app.cli;

/**
 * Makes text from a server safe to print on a terminal. A statement or comment is written by whoever asked for
 * approval; escape sequences in it could rewrite what a reviewer sees (clear a line, move the cursor), and bidi
 * controls could reorder it (Trojan Source). Such characters are shown as visible escapes instead.
 */
final class TerminalText {

    private TerminalText() {
    }

    /** For a table cell or a one-line field: every control character, newlines included, is escaped. */
    static String line(String text) {
        return escape(text, false);
    }

    /** For a block (a full statement): newlines stay, each line after the first is indented by {@code indent}. */
    static String block(String text, String indent) {
        return indent + escape(text.replace("\r\n", "\n"), true).replace("\n", "\n" + indent);
    }

    private static String escape(String text, boolean keepNewlines) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' && keepNewlines || c == '\t') {
                out.appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c) || isBidiControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F
                || c == 0x061C;
    }
}
