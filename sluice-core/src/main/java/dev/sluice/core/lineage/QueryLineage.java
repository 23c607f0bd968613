package dev.sluice.core.lineage;

import dev.sluice.core.lineage.Scope.Ctes;
import dev.sluice.core.lineage.Slot.AnyColumnsOf;
import dev.sluice.core.lineage.Slot.Named;
import dev.sluice.core.lineage.Slot.Unnamed;
import dev.sluice.core.lineage.Slot.Unordered;
import dev.sluice.core.masking.TableColumns;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.TableStatement;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.SortedSet;

/**
 * The lineage of queries: what each output column of a SELECT (plain, set operation, VALUES, TABLE, with its CTEs
 * and FROM clause) comes from, collecting predicate columns on the way. One instance per analysis; not
 * thread-safe. Data-modifying statements are in {@link DmlLineage}, expressions in {@link ExpressionLineage}.
 */
final class QueryLineage {

    /** More queries than this in one statement (nested recursive CTEs multiply) and the analysis gives up. */
    private static final int MAX_QUERIES = 500;
    /** Rounds of a recursive CTE before its columns are declared unknown. */
    private static final int MAX_RECURSIVE_ROUNDS = 4;

    /** Thrown when a statement needs more work than {@link #MAX_QUERIES}: the whole statement becomes unknown. */
    static final class TooComplexException extends RuntimeException {
        TooComplexException() {
            super("the statement is too complex to analyse", null, false, false);
        }
    }

    final TableColumns catalog;
    final Predicates predicates = new Predicates();
    final ExpressionLineage expressions;
    final DmlLineage dml;
    private int queries;

    QueryLineage(TableColumns catalog) {
        this.catalog = catalog;
        this.expressions = new ExpressionLineage(this);
        this.dml = new DmlLineage(this);
    }

    // ---- queries -----------------------------------------------------------------------------------------

    /** The output columns of a query seen from {@code parent} (null at the top) with these CTEs in scope. */
    List<Slot> query(Select select, Scope parent, Ctes ctes) {
        if (++queries > MAX_QUERIES) {
            throw new TooComplexException();
        }
        Ctes scoped = withItems(select.getWithItemsList(), parent, ctes);
        return switch (select) {
            case PlainSelect plain -> plainSelect(plain, parent, scoped);
            case SetOperationList list -> setOperation(list, parent, scoped);
            case ParenthesedSelect parenthesed -> {
                List<Slot> inner = parenthesed.getSelect() == null
                        ? opaque("an empty subquery")
                        : query(parenthesed.getSelect(), parent, scoped);
                outputOrder(parenthesed, inner, parent, scoped);
                yield inner;
            }
            case Values values -> values(values, parent, scoped);
            case TableStatement table -> {
                List<Slot> columns = table.getTable() == null ? opaque("TABLE without a table")
                        : fromItem(table.getTable(), new Scope(parent, scoped));
                outputOrder(table, columns, parent, scoped);
                yield columns;
            }
            default -> opaque("a " + select.getClass().getSimpleName() + " query is not analysed");
        };
    }

    private List<Slot> plainSelect(PlainSelect select, Scope parent, Ctes ctes) {
        Scope scope = new Scope(parent, ctes);
        if (select.getFromItem() != null) {
            scope.star = from(select.getFromItem(), select.getJoins(), scope);
        }
        predicate(select.getWhere(), scope);
        List<Slot> output = selectItems(select.getSelectItems(), scope);
        if (select.getDistinct() != null) {
            List<SelectItem<?>> on = select.getDistinct().getOnSelectItems();
            if (on != null && !on.isEmpty()) {
                on.forEach(item -> orderKey(item.getExpression(), scope, output, true));
            } else {
                predicates.addAll(output); // DISTINCT compares every output column
            }
        }
        GroupByElement groupBy = select.getGroupBy();
        if (groupBy != null) {
            expressionList(groupBy.getGroupByExpressionList()).forEach(e -> orderKey(e, scope, output, false));
            if (groupBy.getGroupingSets() != null) {
                for (Object set : groupBy.getGroupingSets()) {
                    if (set instanceof ExpressionList<?> list) {
                        list.forEach(e -> orderKey(e, scope, output, false));
                    }
                }
            }
        }
        predicate(select.getHaving(), scope);
        predicate(select.getQualify(), scope);
        if (select.getWindowDefinitions() != null) {
            select.getWindowDefinitions().forEach(window -> window(window, scope));
        }
        if (select.getOrderByElements() != null) {
            for (OrderByElement element : select.getOrderByElements()) {
                orderKey(element.getExpression(), scope, output, true);
            }
        }
        limits(select, scope);
        return output;
    }

    /** The output columns of a select list (also RETURNING) over the relations of {@code scope}. */
    List<Slot> selectItems(List<? extends SelectItem<?>> items, Scope scope) {
        List<Slot> output = new ArrayList<>();
        if (items == null) {
            return output;
        }
        for (SelectItem<?> item : items) {
            Expression expression = item.getExpression();
            if (expression instanceof AllTableColumns all && item.getAlias() == null) {
                output.addAll(relationColumns(all.getTable(), scope));
            } else if (expression instanceof AllColumns all && all.getClass() == AllColumns.class
                    && item.getAlias() == null) {
                output.addAll(scope.star);
            } else {
                output.add(new Named(OutputNames.of(item), expressions.origin(expression, scope)));
            }
        }
        return output;
    }

    /** The columns of {@code t.*}: the relation {@code t} at the innermost level that has one. */
    List<Slot> relationColumns(Table table, Scope scope) {
        String[] name = Names.table(table);
        for (Scope level = scope; level != null; level = level.parent) {
            List<Slot> columns = new ArrayList<>();
            boolean found = false;
            for (Relation relation : level.relations) {
                if (relation.matches(name[0], name[1])) {
                    columns.addAll(relation.columns());
                    found = true;
                }
            }
            if (found) {
                return columns;
            }
        }
        return opaque(name[1] + ".* names no table in scope");
    }

    private List<Slot> setOperation(SetOperationList list, Scope parent, Ctes ctes) {
        List<List<Slot>> branches = new ArrayList<>();
        for (Select branch : list.getSelects()) {
            branches.add(query(branch, parent, ctes));
        }
        List<Slot> output = combine(branches);
        if (list.getOperations() != null) {
            for (SetOperation operation : list.getOperations()) {
                if (!(operation instanceof UnionOp union) || !union.isAll()) {
                    // UNION (without ALL), INTERSECT and EXCEPT compare whole rows: a guess can be confirmed
                    predicates.addAll(output);
                    break;
                }
            }
        }
        outputOrder(list, output, parent, ctes);
        return output;
    }

    /** Column i of a set operation comes from column i of any branch; the names are the first branch's. */
    private static List<Slot> combine(List<List<Slot>> branches) {
        if (branches.isEmpty()) {
            return List.of();
        }
        int count = -1;
        for (List<Slot> branch : branches) {
            if (Slots.countKnown(branch)) {
                int width = Slots.flatten(branch).size();
                if (count >= 0 && width != count) {
                    return opaque("the branches of a set operation differ in their number of columns");
                }
                count = width;
            }
        }
        if (count < 0) {
            return opaque("a set operation over queries whose columns are unknown");
        }
        List<List<ColumnOrigin>> positions = new ArrayList<>();
        for (List<Slot> branch : branches) {
            positions.add(Slots.positional(branch, count));
        }
        List<Slot> first = branches.getFirst();
        boolean named = first.stream().allMatch(Named.class::isInstance);
        List<Slot> output = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<ColumnOrigin> candidates = new ArrayList<>(branches.size());
            for (List<ColumnOrigin> branch : positions) {
                candidates.add(branch.get(i));
            }
            String name = named ? ((Named) first.get(i)).name() : OutputNames.NONE;
            output.add(new Named(name, Origins.oneOf(candidates)));
        }
        return output;
    }

    private List<Slot> values(Values values, Scope parent, Ctes ctes) {
        Scope scope = new Scope(parent, ctes);
        ExpressionList<?> list = values.getExpressions();
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<List<Expression>> rows = new ArrayList<>();
        if (list.stream().allMatch(ExpressionList.class::isInstance)) {
            for (Expression row : list) {
                rows.add(new ArrayList<>((ExpressionList<?>) row));
            }
        } else {
            rows.add(new ArrayList<>(list)); // VALUES (a, b): one row
        }
        int width = rows.getFirst().size();
        if (rows.stream().anyMatch(row -> row.size() != width)) {
            return opaque("the rows of a VALUES list differ in their number of columns");
        }
        List<Slot> output = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            List<ColumnOrigin> candidates = new ArrayList<>(rows.size());
            for (List<Expression> row : rows) {
                candidates.add(expressions.origin(row.get(i), scope));
            }
            output.add(new Named("column" + (i + 1), Origins.oneOf(candidates)));
        }
        outputOrder(values, output, parent, ctes);
        return output;
    }

    /** ORDER BY, LIMIT and OFFSET of a query whose ORDER BY can name only its output columns. */
    private void outputOrder(Select select, List<Slot> output, Scope parent, Ctes ctes) {
        Scope scope = new Scope(parent, ctes);
        scope.relations.add(new Relation(null, null, output));
        if (select.getOrderByElements() != null) {
            for (OrderByElement element : select.getOrderByElements()) {
                orderKey(element.getExpression(), scope, output, true);
            }
        }
        limits(select, scope);
    }

    private void limits(Select select, Scope scope) {
        if (select.getLimit() != null) {
            predicate(select.getLimit().getRowCount(), scope);
            predicate(select.getLimit().getOffset(), scope);
        }
        if (select.getOffset() != null) {
            predicate(select.getOffset().getOffset(), scope);
        }
        if (select.getFetch() != null) {
            predicate(select.getFetch().getExpression(), scope);
        }
    }

    // ---- WITH --------------------------------------------------------------------------------------------

    /**
     * The CTEs of a WITH list added to {@code ctes}; each sees the ones before it (and, with RECURSIVE, itself and
     * the ones after it, those as opaque).
     */
    Ctes withItems(List<WithItem<?>> items, Scope parent, Ctes ctes) {
        if (items == null || items.isEmpty()) {
            return ctes;
        }
        boolean recursive = items.stream().anyMatch(WithItem::isRecursive);
        Ctes current = ctes;
        if (recursive) {
            // WITH RECURSIVE lets an item refer to a later one: until that one is analysed, it is opaque
            for (WithItem<?> item : items) {
                String name = Names.alias(item.getAlias());
                if (name != null) {
                    current = current.with(name, opaque("the WITH query " + name + " is referred to before it is "
                            + "defined"));
                }
            }
        }
        for (WithItem<?> item : items) {
            String name = Names.alias(item.getAlias());
            if (name == null) {
                continue;
            }
            List<String> names = new ArrayList<>();
            if (item.getWithItemList() != null) {
                item.getWithItemList().forEach(column -> names.add(OutputNames.of(column)));
            }
            List<Slot> columns = recursive
                    ? recursiveCte(item.getParenthesedStatement(), name, names, parent, current)
                    : Slots.rename(cteBody(item.getParenthesedStatement(), parent, current), names);
            current = current.with(name, columns);
        }
        return current;
    }

    private List<Slot> cteBody(ParenthesedStatement body, Scope parent, Ctes ctes) {
        return switch (body) {
            case ParenthesedSelect select -> query(select, parent, ctes);
            case ParenthesedInsert insert -> dml.insert(insert.getInsert(), parent, ctes);
            case ParenthesedUpdate update -> dml.update(update.getUpdate(), parent, ctes);
            case ParenthesedDelete delete -> dml.delete(delete.getDelete(), parent, ctes);
            case null, default -> opaque("a WITH query of an unknown kind");
        };
    }

    /**
     * A CTE of a WITH RECURSIVE list: its non-recursive term first, then the whole query again with the CTE
     * standing for the previous round's columns, until a round changes nothing. One that does not settle keeps
     * its columns' count, with unknown origins.
     */
    private List<Slot> recursiveCte(ParenthesedStatement body, String name, List<String> names, Scope parent,
                                    Ctes ctes) {
        List<Slot> placeholder = opaque("the recursive query " + name + " refers to itself");
        if (!(body instanceof ParenthesedSelect select) || !(select.getSelect() instanceof SetOperationList list)
                || list.getSelects().isEmpty()) {
            return Slots.rename(cteBody(body, parent, ctes.with(name, placeholder)), names);
        }
        List<Slot> current = Slots.rename(query(list.getSelects().getFirst(), parent, ctes.with(name, placeholder)),
                names);
        for (int round = 0; round < MAX_RECURSIVE_ROUNDS; round++) {
            List<Slot> next = Slots.rename(query(select, parent, ctes.with(name, current)), names);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        String reason = "the recursive query " + name + " did not settle";
        if (!Slots.countKnown(current)) {
            return opaque(reason);
        }
        List<Slot> unsettled = new ArrayList<>();
        for (Named column : Slots.named(current)) {
            unsettled.add(new Named(column.name(), new ColumnOrigin.Unknown(reason)));
        }
        return unsettled;
    }

    // ---- FROM --------------------------------------------------------------------------------------------

    /** Adds a FROM clause's relations to {@code scope}; returns what {@code *} over it expands to. */
    List<Slot> from(FromItem first, List<Join> joins, Scope scope) {
        List<Slot> star = new ArrayList<>(fromItem(first, scope));
        return joins(joins, star, scope);
    }

    List<Slot> joins(List<Join> joins, List<Slot> left, Scope scope) {
        List<Slot> star = left;
        if (joins == null) {
            return star;
        }
        for (Join join : joins) {
            List<Slot> right = fromItem(join.getRightItem(), scope);
            if (join.isNatural()) {
                star = natural(star, right);
            } else if (join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
                List<String> using = new ArrayList<>();
                join.getUsingColumns().forEach(column -> using.add(Names.identifier(column.getColumnName())));
                star = merged(star, right, using);
            } else {
                star = new ArrayList<>(star);
                star.addAll(right);
            }
            if (join.getOnExpressions() != null) {
                join.getOnExpressions().forEach(on -> predicate(on, scope));
            }
        }
        return star;
    }

    /** NATURAL JOIN: the columns both sides have are compared, and appear once, first. */
    private List<Slot> natural(List<Slot> left, List<Slot> right) {
        if (!Slots.countKnown(left) || !Slots.countKnown(right)) {
            String reason = "a NATURAL JOIN of tables whose columns are unknown";
            predicates.unknown(reason);
            List<Slot> both = new ArrayList<>(left);
            both.addAll(right);
            return List.of(new Unordered(reason, both));
        }
        Set<String> rightNames = new LinkedHashSet<>();
        Slots.named(right).forEach(column -> rightNames.add(column.name()));
        List<String> common = new ArrayList<>();
        for (Named column : Slots.named(left)) {
            if (rightNames.contains(column.name()) && !common.contains(column.name())) {
                common.add(column.name());
            }
        }
        return merged(left, right, common);
    }

    /** JOIN … USING (columns): each is compared, and appears once, first, holding either side's value. */
    private List<Slot> merged(List<Slot> left, List<Slot> right, List<String> columns) {
        List<Slot> star = new ArrayList<>();
        for (String column : columns) {
            List<ColumnOrigin> sides = new ArrayList<>(Slots.lookup(left, column).all());
            sides.addAll(Slots.lookup(right, column).all());
            ColumnOrigin origin = sides.isEmpty()
                    ? new ColumnOrigin.Unknown("JOIN USING names a column " + column + " neither side has")
                    : Origins.oneOf(sides);
            predicates.add(origin);
            star.add(new Named(column, origin));
        }
        star.addAll(Slots.without(left, columns));
        star.addAll(Slots.without(right, columns));
        return star;
    }

    /** Adds one FROM item's relation(s) to {@code scope}; returns its columns. */
    List<Slot> fromItem(FromItem item, Scope scope) {
        return switch (item) {
            case Table table -> table(table, scope);
            case LateralSubSelect lateral -> derived(query(lateral, scope, scope.ctes), lateral.getAlias(), scope);
            case ParenthesedSelect select ->
                    derived(query(select, scope.parent, scope.ctes), select.getAlias(), scope);
            case ParenthesedFromItem group -> {
                if (group.getAlias() == null) {
                    yield from(group.getFromItem(), group.getJoins(), scope);
                }
                Scope inner = new Scope(scope.parent, scope.ctes);
                yield derived(from(group.getFromItem(), group.getJoins(), inner), group.getAlias(), scope);
            }
            case TableFunction function -> tableFunction(function, scope);
            case Values values -> derived(query(values, scope.parent, scope.ctes), values.getAlias(), scope);
            case Select select -> derived(query(select, scope.parent, scope.ctes), select.getAlias(), scope);
            case null -> List.of();
            default -> {
                List<Slot> columns = opaque("a FROM item of kind " + item.getClass().getSimpleName()
                        + " is not analysed");
                scope.relations.add(new Relation(Names.alias(item.getAlias()), null, columns));
                yield columns;
            }
        };
    }

    private List<Slot> table(Table table, Scope scope) {
        String[] name = Names.table(table);
        String alias = Names.alias(table.getAlias());
        List<String> renamed = Names.aliasColumns(table.getAlias());
        Optional<List<Slot>> cte = name[0] == null ? scope.ctes.find(name[1]) : Optional.empty();
        if (cte.isPresent()) {
            List<Slot> columns = Slots.rename(cte.get(), renamed);
            scope.relations.add(new Relation(alias != null ? alias : name[1], null, columns));
            return columns;
        }
        TableRef ref = TableRef.read(name[0], name[1]);
        List<Slot> columns = Slots.rename(tableColumns(ref), renamed);
        scope.relations.add(new Relation(alias != null ? alias : name[1], ref, columns));
        return columns;
    }

    /** A database table's columns, from the catalog, in order when the catalog gives an order. */
    List<Slot> tableColumns(TableRef table) {
        Optional<Set<String>> known = catalog.columns(table.schema(), table.name());
        if (known == null || known.isEmpty()) {
            return List.of(new AnyColumnsOf(table));
        }
        Set<String> names = known.get();
        List<Slot> columns = new ArrayList<>(names.size());
        for (String name : names) {
            String column = name.toLowerCase(Locale.ROOT);
            columns.add(new Named(column, table.column(column)));
        }
        boolean ordered = names instanceof SequencedSet<String> && !(names instanceof SortedSet<String>);
        if (ordered || columns.size() <= 1) {
            return columns;
        }
        return List.of(new Unordered("the catalog does not give the order of the columns of " + table.label(),
                columns));
    }

    private List<Slot> derived(List<Slot> columns, net.sf.jsqlparser.expression.Alias alias, Scope scope) {
        List<Slot> renamed = Slots.rename(columns, Names.aliasColumns(alias));
        scope.relations.add(new Relation(Names.alias(alias), null, renamed));
        return renamed;
    }

    /** A function in FROM (implicitly LATERAL: its arguments see the items before it). */
    private List<Slot> tableFunction(TableFunction item, Scope scope) {
        ExpressionLineage.TableFunctionResult result = expressions.tableFunction(item.getFunction(), scope);
        String alias = Names.alias(item.getAlias());
        String name = alias != null ? alias : result.name();
        boolean ordinality = item.getWithClause() != null
                && item.getWithClause().toLowerCase(Locale.ROOT).contains("ordinality");
        List<String> renamed = Names.aliasColumns(item.getAlias());
        List<Slot> columns = new ArrayList<>();
        boolean definitionList = item.getAlias() != null && item.getAlias().getAliasColumns() != null
                && item.getAlias().getAliasColumns().stream().anyMatch(column -> column.colDataType != null);
        if (!renamed.isEmpty() && (definitionList || result.columns() != null)) {
            for (int i = 0; i < renamed.size(); i++) {
                boolean counter = ordinality && i == renamed.size() - 1;
                columns.add(new Named(renamed.get(i), counter ? ColumnOrigin.CONSTANT : result.origin()));
            }
        } else if (result.columns() != null) {
            for (String column : result.columns()) {
                columns.add(new Named(column.isEmpty() ? name : column, result.origin()));
            }
            if (ordinality) {
                columns.add(new Named("ordinality", ColumnOrigin.CONSTANT));
            }
            columns = new ArrayList<>(Slots.rename(columns, renamed));
        } else {
            for (String column : renamed) {
                columns.add(new Named(column, result.origin()));
            }
            columns.add(new Unnamed("the columns of the function " + result.name() + " are unknown",
                    result.origin()));
        }
        scope.relations.add(new Relation(name, null, columns));
        return columns;
    }

    // ---- predicates --------------------------------------------------------------------------------------

    /** An expression that filters or orders rows: every column it reads is a predicate column. */
    void predicate(Expression expression, Scope scope) {
        if (expression != null) {
            predicates.add(expressions.origin(expression, scope));
        }
    }

    /**
     * A GROUP BY, ORDER BY or DISTINCT ON key: a bare {@code ?} is a position (a literal number before
     * normalisation, so which column is unknown: all of them); a bare name may be an output column (ORDER BY
     * prefers it, GROUP BY prefers an input column).
     */
    private void orderKey(Expression key, Scope scope, List<Slot> output, boolean preferOutput) {
        if (key instanceof JdbcParameter parameter && !parameter.isUseFixedIndex()
                && !"$".equals(parameter.getParameterCharacter())) {
            predicates.addAll(output);
            return;
        }
        if (key instanceof Column column && (column.getTable() == null || column.getTable().getName() == null)
                && column.getArrayConstructor() == null) {
            Slots.Match outputs = Slots.lookup(output, Names.identifier(column.getColumnName()));
            if (!outputs.definite().isEmpty()) {
                outputs.definite().forEach(predicates::add);
                if (preferOutput) {
                    return;
                }
                Optional<ColumnOrigin> input = expressions.inputColumn(column, scope);
                input.ifPresent(predicates::add);
                return;
            }
        }
        predicate(key, scope);
    }

    private void window(WindowDefinition window, Scope scope) {
        if (window.getPartitionBy() != null) {
            expressionList(window.getPartitionBy().getPartitionExpressionList()).forEach(e -> predicate(e, scope));
        }
        if (window.getOrderBy() != null && window.getOrderBy().getOrderByElements() != null) {
            window.getOrderBy().getOrderByElements().forEach(element -> predicate(element.getExpression(), scope));
        }
    }

    /** The window clauses of a window function or WINDOW definition: partitioning and ordering steer rows. */
    void windowOf(WindowDefinition window, Scope scope) {
        if (window != null) {
            window(window, scope);
        }
    }

    static List<Expression> expressionList(ExpressionList<?> list) {
        return list == null ? List.of() : new ArrayList<>(list);
    }

    static List<Slot> opaque(String reason) {
        return List.of(new Unnamed(reason, new ColumnOrigin.Unknown(reason)));
    }
}
