package dev.sluice.postgres.session;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a PostgreSQL client tells reviewers why it needs a held statement: it sets the custom setting
 * {@code sluice.justification} before the statement, e.g.
 * <pre>SET sluice.justification = 'INC-4211: drop the orphaned staging table';</pre>
 * The gateway reads the value as the SET goes by and attaches it to every request the session opens until the value
 * changes or is {@code RESET}. The SET itself is judged and forwarded like any other statement: PostgreSQL accepts any
 * two-part setting name, so {@code SHOW sluice.justification} works and transaction semantics stay PostgreSQL's own
 * (a SET rolled back upstream is still remembered here; the gateway does not model rollbacks of it).
 */
final class Justification {

    /** Long enough for a ticket reference and a sentence or two; a longer value is cut here. */
    static final int MAX_LENGTH = 1000;

    // Possessive quantifiers: linear time, and no recursion however long the quoted value is.
    private static final Pattern SET = Pattern.compile(
            "\\bSET\\s+(?:SESSION\\s+|LOCAL\\s+)?sluice\\.justification\\s*(?:=|\\bTO\\b)\\s*"
                    + "(?:'([^']*+(?:''[^']*+)*+)'|([A-Za-z0-9_.\\-]++))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESET = Pattern.compile(
            "\\b(?:RESET\\s+sluice\\.justification|RESET\\s+ALL|SET\\s+(?:SESSION\\s+|LOCAL\\s+)?"
                    + "sluice\\.justification\\s*(?:=|\\bTO\\b)\\s*DEFAULT)\\b",
            Pattern.CASE_INSENSITIVE);

    private String current = "";

    /** What the session's requests carry now; empty when nothing was said. */
    String current() {
        return current;
    }

    /**
     * Notes a SET or RESET of {@code sluice.justification} in a command's text (the last one wins); other text
     * changes nothing. Called only for commands with a SET or RESET statement, so ordinary traffic never pays for it.
     */
    void observe(String sql) {
        int lastSet = -1;
        String value = null;
        Matcher set = SET.matcher(sql);
        while (set.find()) {
            lastSet = set.start();
            value = set.group(1) != null ? set.group(1).replace("''", "'") : set.group(2);
        }
        int lastReset = -1;
        Matcher reset = RESET.matcher(sql);
        while (reset.find()) {
            lastReset = reset.start();
        }
        if (lastReset >= lastSet) { // SET … TO DEFAULT matches both, at the same place
            if (lastReset < 0) {
                return;
            }
            current = "";
        } else if (value != null) {
            current = value.length() <= MAX_LENGTH ? value.strip() : value.substring(0, MAX_LENGTH).strip();
        }
    }
}
