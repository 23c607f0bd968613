package dev.sluice.core.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Whether a WHERE clause restricts rows at all. {@code DELETE FROM t WHERE 1 = 1} and {@code … WHERE true} delete
 * every row, exactly like a DELETE without WHERE; a policy guarding against the one must catch the others.
 */
final class WhereClauses {

    private WhereClauses() {
    }

    /**
     * True if {@code where} is present and mentions a column or a subquery. A condition built only from
     * literals, parameters and keyword constants is treated as no condition.
     */
    static boolean restricts(Expression where) {
        if (where == null) {
            return false;
        }
        ColumnSpotter spotter = new ColumnSpotter();
        try {
            where.accept(spotter, null);
        } catch (RuntimeException e) {
            return false; // an expression the adapter cannot walk: fail closed, as if unrestricted
        }
        return spotter.found;
    }

    private static final class ColumnSpotter extends ExpressionVisitorAdapter<Void> {

        boolean found;

        @Override
        public <S> Void visit(Column column, S context) {
            String name = column.getColumnName();
            if (column.getTable() != null && column.getTable().getName() != null
                    || !(name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false"))) {
                found = true;
            }
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            found = true;
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            found = true; // EXISTS (…) reaches its subquery through this overload
            return null;
        }
    }
}
