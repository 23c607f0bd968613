package dev.sluice.core.sql;

import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserTreeConstants;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectVisitor;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The query half of {@link TableAccessFinder}: table references and their CTE scoping, every clause of a
 * SELECT, and the sweep that reports table names no rule classified.
 *
 * <p>Extends JSqlParser's {@link TablesNamesFinder} for its walk over every kind of expression, but replaces its
 * handling of names: the library forgets every table whose name equals a CTE or subquery alias anywhere in the
 * statement, so {@code SELECT * FROM (SELECT * FROM patients) patients} and
 * {@code WITH patients AS (SELECT * FROM patients) SELECT …} report no tables at all. Here a name is a CTE
 * reference only if it is unqualified and a CTE of that name is in scope where it is written (a CTE is visible
 * to its WITH clause's later items and body; to all of them with {@code RECURSIVE}). A subquery alias hides
 * nothing: no FROM clause can name one. The library also skips ORDER BY, GROUP BY, LIMIT and OFFSET, which can
 * hold subqueries too.
 */
class ScopedTablesFinder extends TablesNamesFinder<Void> {

    final Set<String> read = new LinkedHashSet<>();
    final Set<String> written = new LinkedHashSet<>();
    private final Deque<Set<String>> cteScopes = new ArrayDeque<>();
    /** Every table name already accounted for, by identity: read, written, a CTE reference or deliberately none. */
    final Set<Table> classified = Collections.newSetFromMap(new IdentityHashMap<>());

    ScopedTablesFinder() {
        init(false);
    }

    // ---- table references ------------------------------------------------------------------------------

    @Override
    public <S> Void visit(Table table, S context) {
        reference(table, false);
        return null;
    }

    void write(Table table) {
        reference(table, true);
    }

    private void reference(Table table, boolean write) {
        if (table == null || !classified.add(table)) {
            return;
        }
        if (table.getName() == null || isCteReference(table)) {
            return;
        }
        (write ? written : read).add(TableNames.of(table));
    }

    boolean isCteReference(Table table) {
        if (cteScopes.isEmpty() || !TableNames.isUnqualified(table)) {
            return false;
        }
        String name = TableNames.part(table.getName());
        for (Set<String> scope : cteScopes) {
            if (scope.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Every table name the parser built that no rule classified counts as read. */
    void sweep(Node root) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node.getId() == CCJSqlParserTreeConstants.JJTTABLENAME
                    && node instanceof SimpleNode simple
                    && simple.jjtGetValue() instanceof Table table && classified.add(table)
                    && table.getName() != null) {
                read.add(TableNames.of(table));
            }
            for (int i = 0; i < node.jjtGetNumChildren(); i++) {
                pending.push(node.jjtGetChild(i));
            }
        }
    }

    // ---- WITH scopes -----------------------------------------------------------------------------------

    /** Visits a WITH list, then {@code body} with all of its names in scope. */
    void withScope(List<WithItem<?>> items, Runnable body) {
        if (items == null || items.isEmpty()) {
            body.run();
            return;
        }
        Set<String> scope = new HashSet<>();
        cteScopes.push(scope);
        try {
            boolean recursive = items.stream().anyMatch(WithItem::isRecursive);
            if (recursive) {
                items.forEach(item -> scope.add(cteName(item)));
            }
            for (WithItem<?> item : items) {
                withItemBody(item);
                scope.add(cteName(item));
            }
            body.run();
        } finally {
            cteScopes.pop();
        }
    }

    private static String cteName(WithItem<?> item) {
        return item.getAlias() == null ? "" : TableNames.part(item.getAlias().getName());
    }

    private void withItemBody(WithItem<?> item) {
        ParenthesedStatement body = item.getParenthesedStatement();
        switch (body) {
            case ParenthesedSelect select -> visit(select, null);
            case ParenthesedInsert insert -> visit(insert.getInsert(), null);
            case ParenthesedUpdate update -> visit(update.getUpdate(), null);
            case ParenthesedDelete delete -> visit(delete.getDelete(), null);
            case null, default -> {
                // Unknown body kind: its table names are swept up as reads.
            }
        }
    }

    @Override
    public <S> Void visit(WithItem<?> withItem, S context) {
        withItemBody(withItem);
        return null;
    }

    // ---- SELECT ----------------------------------------------------------------------------------------

    @Override
    public <S> Void visit(Select select, S context) {
        select.accept((SelectVisitor<Void>) this, context);
        return null;
    }

    @Override
    public <S> Void visit(PlainSelect select, S context) {
        withScope(select.getWithItemsList(), () -> {
            if (select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null) {
                select.getDistinct().getOnSelectItems().forEach(item -> item.accept(this, null));
            }
            if (select.getSelectItems() != null) {
                select.getSelectItems().forEach(item -> item.accept(this, null));
            }
            fromItem(select.getFromItem());
            joins(select.getJoins());
            expression(select.getWhere());
            if (select.getGroupBy() != null) {
                expression(select.getGroupBy().getGroupByExpressionList());
                if (select.getGroupBy().getGroupingSets() != null) {
                    select.getGroupBy().getGroupingSets().forEach(this::expression);
                }
            }
            expression(select.getHaving());
            expression(select.getQualify());
            if (select.getOracleHierarchical() != null) {
                select.getOracleHierarchical().accept(this, null);
            }
            if (select.getIntoTables() != null) {
                select.getIntoTables().forEach(this::write); // PostgreSQL SELECT … INTO creates a table
            }
            selectTail(select);
        });
        return null;
    }

    @Override
    public <S> Void visit(SetOperationList list, S context) {
        withScope(list.getWithItemsList(), () -> {
            list.getSelects().forEach(select -> select.accept((SelectVisitor<Void>) this, null));
            selectTail(list);
        });
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedSelect select, S context) {
        // The alias of a subquery hides nothing (unlike the library's visit, which would forget the name).
        withScope(select.getWithItemsList(), () -> {
            if (select.getSelect() != null) {
                select.getSelect().accept((SelectVisitor<Void>) this, null);
            }
            selectTail(select);
        });
        return null;
    }

    @Override
    public <S> Void visit(LateralSubSelect select, S context) {
        return visit((ParenthesedSelect) select, context);
    }

    private void selectTail(Select select) {
        orderBy(select.getOrderByElements());
        if (select.getLimit() != null) {
            expression(select.getLimit().getRowCount());
            expression(select.getLimit().getOffset());
        }
        if (select.getOffset() != null) {
            expression(select.getOffset().getOffset());
        }
        if (select.getFetch() != null) {
            expression(select.getFetch().getExpression());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    void fromItem(FromItem item) {
        if (item != null) {
            item.accept(this, null);
        }
    }

    void joins(List<Join> joins) {
        if (joins == null) {
            return;
        }
        for (Join join : joins) {
            fromItem(join.getRightItem());
            if (join.getOnExpressions() != null) {
                join.getOnExpressions().forEach(this::expression);
            }
        }
    }

    void expression(Expression expression) {
        if (expression != null) {
            expression.accept(this, null);
        }
    }

    void orderBy(List<OrderByElement> elements) {
        if (elements != null) {
            elements.forEach(element -> expression(element.getExpression()));
        }
    }
}
