package dev.sluice.core.sql;

import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

import java.util.List;

/**
 * Whether a SELECT bounds the rows it returns: {@code LIMIT n} or {@code FETCH FIRST|NEXT n ROWS}. {@code LIMIT ALL}
 * and {@code LIMIT NULL} bound nothing; OFFSET alone bounds nothing. A union is bounded when it has a limit of its
 * own, every branch has one, or the last branch is written without parentheses and ends in one (the server reads
 * {@code SELECT … UNION SELECT … LIMIT 5} as a limit on the union); a limit inside a subquery does not bound the
 * outer query.
 */
final class RowLimits {

    private RowLimits() {
    }

    static boolean bounded(Statement statement) {
        return statement instanceof Select select && bounded(select);
    }

    private static boolean bounded(Select select) {
        if (limits(select.getLimit()) || select.getFetch() != null) {
            return true;
        }
        return switch (select) {
            case ParenthesedSelect parenthesed -> parenthesed.getSelect() != null && bounded(parenthesed.getSelect());
            // JSqlParser hangs a trailing LIMIT on the last branch when that branch is not parenthesised; the
            // server applies it to the whole result.
            case SetOperationList list -> !list.getSelects().isEmpty()
                    && (list.getSelects().stream().allMatch(RowLimits::bounded)
                    || list.getSelects().getLast() instanceof PlainSelect last && bounded(last));
            default -> false;
        };
    }

    private static boolean limits(Limit limit) {
        return limit != null && limit.getRowCount() != null && !(limit.getRowCount() instanceof NullValue)
                && !(limit.getRowCount() instanceof AllValue);
    }

    /**
     * From tokens (the keyword fallback): a {@code LIMIT} not followed by ALL or NULL, or FETCH FIRST|NEXT, outside
     * parentheses.
     */
    static boolean bounded(List<SqlTokens.Token> tokens) {
        int depth = 0;
        for (int i = StatementKinds.firstKeyword(tokens); i < tokens.size(); i++) {
            SqlTokens.Token token = tokens.get(i);
            if (token.type() == SqlTokenType.OPEN_PAREN) {
                depth++;
            } else if (token.type() == SqlTokenType.CLOSE_PAREN) {
                depth--;
            } else if (depth <= 0 && token.isWord("LIMIT")) {
                SqlTokens.Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                if (next != null && !next.isWord("ALL") && !next.isWord("NULL")) {
                    return true;
                }
            } else if (depth <= 0 && token.isWord("FETCH") && i + 1 < tokens.size()
                    && (tokens.get(i + 1).isWord("FIRST") || tokens.get(i + 1).isWord("NEXT"))) {
                return true;
            }
        }
        return false;
    }
}
