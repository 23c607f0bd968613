package dev.sluice.core.policy.rules;

import dev.sluice.core.command.SqlStatement;

import java.util.Locale;
import java.util.Set;

/**
 * Whether rules can trust what the analysis says about a statement. A statement the full parser understood, yes.
 * Of the ones only the keyword fallback read, yes for those whose keywords are all there is to know: transaction
 * and session control (nothing is read or written, and {@code SET ROLE} shows in the traits), and COPY of a named
 * table (table, direction, and file, program or client are all plain keywords). No for the rest (a DO block, a
 * statement that failed to parse, COPY of a query the parser may not have read, a fastpath function call, an
 * unknown statement): rules that ask about such a statement fail closed, and so do the masking guards
 * ({@link dev.sluice.core.policy.guards.GuardedPolicy}).
 *
 * <p>Without this, {@code BEGIN} (which JSqlParser does not parse) would match every deny rule about
 * statements, and no transaction could start under a policy with one.
 */
public final class StatementVisibility {

    /** Kinds whose leading keywords say everything a rule can ask about them. */
    private static final Set<String> KEYWORD_COMPLETE = Set.of(
            "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET", "RESET", "SHOW", "DISCARD", "DEALLOCATE",
            "LISTEN", "UNLISTEN", "NOTIFY", "CLOSE", "FETCH", "MOVE", "CHECKPOINT");

    private StatementVisibility() {
    }

    /** True when rules may judge the statement by its analysis; false when they must fail closed. */
    public static boolean analysed(SqlStatement statement) {
        if (statement.parsed()) {
            return true;
        }
        if (KEYWORD_COMPLETE.contains(statement.kind())) {
            return true;
        }
        return statement.kind().equals("COPY") && !copiesQuery(statement.normalizedText());
    }

    /** {@code COPY (query) TO …}, as opposed to {@code COPY table …} (the normalised text has no comments). */
    private static boolean copiesQuery(String normalizedText) {
        String text = normalizedText.strip();
        while (text.startsWith("(")) {
            text = text.substring(1).strip();
        }
        if (!text.toUpperCase(Locale.ROOT).startsWith("COPY")) {
            return true; // not the shape this expects: treat as unknown
        }
        text = text.substring(4).strip();
        return text.startsWith("(");
    }
}
