package dev.sluice.core.command;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A SQL string sent by a client, with the analysis of every statement in it.
 *
 * @param text           the SQL exactly as the client sent it (may contain PHI literals: never log or store it)
 * @param statements     one analysis per statement, in order; a multi-statement string has several
 * @param parameterTypes declared parameter types in the protocol's own naming (PostgreSQL type OIDs as text,
 *                       {@code "0"} for unspecified); empty when the statement has no parameters
 */
public record SqlCommand(String text, List<SqlStatement> statements, List<String> parameterTypes) implements Command {

    public SqlCommand {
        Objects.requireNonNull(text, "text");
        statements = List.copyOf(statements);
        parameterTypes = List.copyOf(parameterTypes == null ? List.of() : parameterTypes);
    }

    /** Statement kinds in order, e.g. {@code [BEGIN, UPDATE, COMMIT]}. */
    public List<String> kinds() {
        return statements.stream().map(SqlStatement::kind).toList();
    }

    /** Whether any statement is of {@code kind}; allocation-free, for checks made on every command. */
    public boolean hasKind(String kind) {
        for (SqlStatement s : statements) {
            if (s.kind().equals(kind)) {
                return true;
            }
        }
        return false;
    }

    /** Every table any statement reads or writes. */
    public Set<String> tables() {
        Set<String> all = new TreeSet<>();
        for (SqlStatement s : statements) {
            all.addAll(s.tablesRead());
            all.addAll(s.tablesWritten());
        }
        return all;
    }

    /** Whether every statement was understood by the full parser (not only by the keyword fallback). */
    public boolean fullyParsed() {
        return statements.stream().allMatch(SqlStatement::parsed);
    }

    @Override
    public String auditText() {
        return String.join("; ", statements.stream().map(SqlStatement::normalizedText).toList());
    }

    @Override
    public String toString() {
        return "SqlCommand[kinds=" + kinds() + ", tables=" + tables() + "]";
    }
}
