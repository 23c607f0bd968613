package dev.sluice.core.sql;

import dev.sluice.core.command.SqlStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The analysis of a statement JSqlParser understood. */
final class ParsedStatements {

    private ParsedStatements() {
    }

    /**
     * @param leadingKind    the kind its leading keywords name ({@code WITH} and {@code UNKNOWN} defer to the tree)
     * @param normalizedText the text the result carries
     * @param tokens         the significant tokens of {@code normalizedText}
     */
    static SqlStatement analyze(SqlDialect dialect, String leadingKind, String normalizedText,
                                List<SqlTokens.Token> tokens, StatementParser.Parsed parsed) {
        Statement statement = parsed.statement();
        String kind = leadingKind.equals("WITH") || leadingKind.equals(SqlStatement.UNKNOWN)
                ? StatementKinds.ofMainStatement(statement) : leadingKind;
        TableAccessFinder.TableAccess access = TableAccessFinder.find(statement, parsed.root());
        Set<String> read = access.read();
        if (dialect == SqlDialect.MYSQL && read.contains("dual")) {
            read = new LinkedHashSet<>(read);
            read.remove("dual"); // MySQL's dummy table, not data
        }
        boolean hasWhere = switch (kind) {
            case "UPDATE" -> statement instanceof Update update && WhereClauses.restricts(update.getWhere());
            case "DELETE" -> statement instanceof Delete delete && WhereClauses.restricts(delete.getWhere());
            default -> false;
        };
        boolean hasLimit = kind.equals("SELECT") && RowLimits.bounded(statement);
        Set<String> functions = FunctionCalls.fromTree(statement, parsed.root());
        Set<String> traits = StatementTraits.fromTree(kind, statement, tokens);
        return new SqlStatement(kind, normalizedText, read, access.written(), hasWhere, hasLimit, functions, traits,
                true, Optional.of(statement));
    }
}
