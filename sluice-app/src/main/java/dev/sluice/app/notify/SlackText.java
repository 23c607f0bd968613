package dev.sluice.app.notify;

/**
 * Text made safe for Slack's mrkdwn and fitted to Slack's block limits. Every string here that comes from a user
 * (statement, names, justification) passes {@link #escape}: Slack reads {@code <…>} as links and mentions
 * ({@code <!channel>}), so {@code &}, {@code <} and {@code >} must become entities. Inside a code block a
 * {@code ```} would end the block early and let the rest of a statement be read as formatting, so runs of
 * backticks are broken with a zero-width space.
 */
final class SlackText {

    /** Slack's limit for a section's text and a context element. */
    static final int TEXT_LIMIT = 3000;
    /** Slack's limit for one section field. */
    static final int FIELD_LIMIT = 2000;
    /** Slack's limit for a header block's text. */
    static final int HEADER_LIMIT = 150;

    private static final char ZERO_WIDTH_SPACE = '\u200B';
    private static final String ELLIPSIS = "…";

    private SlackText() {
    }

    /** {@code raw} with {@code &}, {@code <} and {@code >} replaced by Slack's entities. */
    static String escape(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code escaped} with no two backticks side by side, so that it cannot close a {@code ```} block. */
    static String breakFences(String escaped) {
        StringBuilder out = new StringBuilder(escaped.length() + 8);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '`' && i > 0 && escaped.charAt(i - 1) == '`') {
                out.append(ZERO_WIDTH_SPACE);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A short value shown as inline code ({@code `abc123`}); backticks in it become quotes. */
    static String inlineCode(String raw) {
        return "`" + escape(raw).replace('`', '\'') + "`";
    }

    /** A link Slack renders as {@code label}. */
    static String link(String url, String label) {
        return "<" + escape(url).replace("|", "%7C") + "|" + escape(label).replace("|", "/") + ">";
    }

    /** Plain text (a header) cut to {@code limit} characters, ending in "…" when cut. */
    static String plain(String raw, int limit) {
        if (raw.length() <= limit) {
            return raw;
        }
        return raw.substring(0, safeCut(raw, limit - ELLIPSIS.length(), false)) + ELLIPSIS;
    }

    /** An escaped value for a section field, cut to Slack's field limit. */
    static String field(String label, String escapedValue) {
        return fit("*" + label + "*\n", escapedValue, "", ELLIPSIS, FIELD_LIMIT);
    }

    /**
     * {@code prefix + body + closing} when it fits in {@code limit} characters; otherwise {@code body} is cut so that
     * {@code prefix + cut body + closing + cutTail} fits. The cut never splits an entity or a surrogate pair.
     */
    static String fit(String prefix, String body, String closing, String cutTail, int limit) {
        if (prefix.length() + body.length() + closing.length() <= limit) {
            return prefix + body + closing;
        }
        int budget = limit - prefix.length() - closing.length() - cutTail.length();
        if (budget < 0) {
            throw new IllegalArgumentException("the frame alone is longer than " + limit + " characters");
        }
        return prefix + body.substring(0, safeCut(body, budget, true)) + closing + cutTail;
    }

    /** The largest cut at or before {@code at} that leaves whole surrogate pairs and, in escaped text, entities. */
    private static int safeCut(String text, int at, boolean escaped) {
        int cut = Math.clamp(at, 0, text.length());
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        int amp = !escaped || cut == 0 ? -1 : text.lastIndexOf('&', cut - 1);
        if (amp >= 0) {
            int semicolon = text.indexOf(';', amp);
            if (semicolon >= cut) {
                cut = amp; // the cut would split "&amp;" (every & in escaped text starts an entity)
            }
        }
        return cut;
    }
}
