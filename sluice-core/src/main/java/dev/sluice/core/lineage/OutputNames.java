package dev.sluice.core.lineage;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

import java.util.List;

/**
 * The name PostgreSQL gives an output column without an alias (its {@code FigureColname}), so that an outer query
 * that refers to a derived table's or CTE's column by that name finds it.
 */
final class OutputNames {

    static final String NONE = "?column?";

    private OutputNames() {
    }

    static String of(SelectItem<?> item) {
        if (item.getAlias() != null && item.getAlias().getName() != null) {
            return Names.identifier(item.getAlias().getName());
        }
        return of(item.getExpression(), 0);
    }

    private static String of(Expression expression, int depth) {
        if (depth > 32) {
            return NONE;
        }
        return switch (expression) {
            case Column column -> Names.identifier(column.getColumnName());
            case AnalyticExpression analytic -> lastPart(analytic.getName());
            case Function function -> function.getMultipartName() == null || function.getMultipartName().isEmpty()
                    ? NONE : Names.identifier(function.getMultipartName().getLast());
            case CastExpression cast -> {
                String inner = cast.getLeftExpression() == null ? NONE : of(cast.getLeftExpression(), depth + 1);
                yield inner.equals(NONE) && cast.getColDataType() != null && cast.getColDataType().getDataType() != null
                        ? Names.identifier(cast.getColDataType().getDataType().split("[\\s(\\[]")[0]) : inner;
            }
            case CaseExpression ignored -> "case";
            case ArrayConstructor ignored -> "array";
            case RowConstructor<?> ignored -> "row";
            case ParenthesedExpressionList<?> list when list.size() == 1 -> of(list.getFirst(), depth + 1);
            case ParenthesedSelect select -> subquery(select.getSelect(), depth);
            case Select select -> subquery(select, depth);
            case ExistsExpression ignored -> "exists";
            case CollateExpression collate -> of(collate.getLeftExpression(), depth + 1);
            case RowGetExpression row -> Names.identifier(row.getColumnName());
            case TimeKeyExpression key -> Names.identifier(key.getStringValue());
            case ExtractExpression ignored -> "extract";
            case TrimFunction ignored -> "btrim";
            case null, default -> NONE;
        };
    }

    private static String subquery(Select select, int depth) {
        if (select instanceof PlainSelect plain && plain.getSelectItems() != null
                && !plain.getSelectItems().isEmpty()) {
            SelectItem<?> first = plain.getSelectItems().getFirst();
            return first.getAlias() != null ? Names.identifier(first.getAlias().getName())
                    : of(first.getExpression(), depth + 1);
        }
        return NONE;
    }

    private static String lastPart(String name) {
        if (name == null) {
            return NONE;
        }
        List<String> parts = List.of(name.split("[ .]"));
        return Names.identifier(parts.getLast());
    }
}
