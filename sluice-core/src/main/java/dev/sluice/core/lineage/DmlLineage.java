package dev.sluice.core.lineage;

import dev.sluice.core.lineage.Scope.Ctes;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.InsertConflictAction;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INSERT, UPDATE and DELETE: the output columns of their RETURNING clause (empty without one), and their
 * predicates. A returned column of the target table holds what is stored there or what the statement just wrote
 * into it, so both are its sources: {@code UPDATE notes SET body = p.ssn FROM patients p … RETURNING body}
 * returns {@code patients.ssn}.
 */
final class DmlLineage {

    private final QueryLineage queries;

    DmlLineage(QueryLineage queries) {
        this.queries = queries;
    }

    List<Slot> insert(Insert insert, Scope parent, Ctes ctes) {
        Ctes scoped = queries.withItems(insert.getWithItemsList(), parent, ctes);
        Table table = insert.getTable();
        String[] name = Names.table(table);
        String alias = Names.alias(table.getAlias());
        String reference = alias != null ? alias : name[1];
        List<Slot> inserted = insert.getSelect() == null ? List.of()
                : queries.query(insert.getSelect(), parent, scoped);
        Map<String, ColumnOrigin> writes = new LinkedHashMap<>();
        ColumnOrigin writesAny = ColumnOrigin.CONSTANT;
        List<String> columns = new ArrayList<>();
        if (insert.getColumns() != null) {
            insert.getColumns().forEach(column -> columns.add(Names.identifier(column.getColumnName())));
        }
        if (!columns.isEmpty()) {
            List<ColumnOrigin> values = Slots.positional(inserted, columns.size());
            for (int i = 0; i < columns.size(); i++) {
                write(writes, columns.get(i), values.get(i));
            }
        } else if (!inserted.isEmpty()) {
            // without a column list, any value may land in any column
            writesAny = Origins.oneOf(Slots.flatten(inserted));
        }
        TableRef stored = TableRef.read(name[0], name[1]);
        InsertConflictAction conflict = insert.getConflictAction();
        if (conflict != null) {
            Scope scope = new Scope(parent, scoped);
            scope.relations.add(new Relation(reference, stored, queries.tableColumns(stored)));
            TableRef proposed = new TableRef(name[0], name[1], writes, writesAny);
            scope.relations.add(new Relation("excluded", proposed, queries.tableColumns(proposed)));
            if (conflict.getUpdateSets() != null) {
                for (UpdateSet set : conflict.getUpdateSets()) {
                    updateSet(set, scope, writes);
                }
            }
            queries.predicate(conflict.getWhereExpression(), scope);
        }
        if (insert.getReturningClause() == null) {
            return List.of();
        }
        TableRef written = new TableRef(name[0], name[1], writes, writesAny);
        Scope scope = new Scope(parent, scoped);
        List<Slot> targetColumns = queries.tableColumns(written);
        scope.relations.add(new Relation(reference, written, targetColumns));
        scope.star = targetColumns;
        return queries.selectItems(insert.getReturningClause(), scope);
    }

    List<Slot> update(Update update, Scope parent, Ctes ctes) {
        Ctes scoped = queries.withItems(update.getWithItemsList(), parent, ctes);
        Table table = update.getTable();
        String[] name = Names.table(table);
        String alias = Names.alias(table.getAlias());
        String reference = alias != null ? alias : name[1];
        TableRef stored = TableRef.read(name[0], name[1]);
        Scope scope = new Scope(parent, scoped);
        scope.relations.add(new Relation(reference, stored, queries.tableColumns(stored)));
        List<Slot> fromColumns = update.getFromItem() != null
                ? queries.from(update.getFromItem(), update.getJoins(), scope)
                : queries.joins(update.getJoins(), new ArrayList<>(), scope);
        queries.predicate(update.getWhere(), scope);
        Map<String, ColumnOrigin> writes = new LinkedHashMap<>();
        if (update.getUpdateSets() != null) {
            for (UpdateSet set : update.getUpdateSets()) {
                updateSet(set, scope, writes);
            }
        }
        if (update.getReturningClause() == null) {
            return List.of();
        }
        TableRef written = new TableRef(name[0], name[1], writes, ColumnOrigin.CONSTANT);
        List<Slot> targetColumns = queries.tableColumns(written);
        Scope returning = new Scope(parent, scoped);
        returning.relations.add(new Relation(reference, written, targetColumns));
        returning.relations.addAll(scope.relations.subList(1, scope.relations.size()));
        returning.star = new ArrayList<>(targetColumns);
        returning.star.addAll(fromColumns);
        return queries.selectItems(update.getReturningClause(), returning);
    }

    List<Slot> delete(Delete delete, Scope parent, Ctes ctes) {
        Ctes scoped = queries.withItems(delete.getWithItemsList(), parent, ctes);
        Table table = delete.getTable();
        String[] name = Names.table(table);
        String alias = Names.alias(table.getAlias());
        TableRef stored = TableRef.read(name[0], name[1]);
        Scope scope = new Scope(parent, scoped);
        List<Slot> targetColumns = queries.tableColumns(stored);
        scope.relations.add(new Relation(alias != null ? alias : name[1], stored, targetColumns));
        List<Slot> star = new ArrayList<>(targetColumns);
        if (delete.getUsingList() != null) {
            for (Table using : delete.getUsingList()) {
                star.addAll(queries.fromItem(using, scope));
            }
        }
        star = queries.joins(delete.getJoins(), star, scope);
        queries.predicate(delete.getWhere(), scope);
        if (delete.getReturningClause() == null) {
            return List.of();
        }
        scope.star = star;
        return queries.selectItems(delete.getReturningClause(), scope);
    }

    /** {@code SET a = x, (b, c) = (y, z), (d, e) = (SELECT …)}: what each column receives. */
    private void updateSet(UpdateSet set, Scope scope, Map<String, ColumnOrigin> writes) {
        List<String> columns = new ArrayList<>();
        for (Column column : set.getColumns()) {
            columns.add(Names.identifier(column.getColumnName()));
        }
        List<Expression> values = new ArrayList<>(set.getValues());
        if (values.size() == 1 && columns.size() > 1 && values.getFirst() instanceof ParenthesedExpressionList<?> list
                && list.size() == columns.size()) {
            values = new ArrayList<>(list);
        }
        if (values.size() == columns.size()) {
            for (int i = 0; i < columns.size(); i++) {
                write(writes, columns.get(i), queries.expressions.origin(values.get(i), scope));
            }
        } else if (values.size() == 1 && values.getFirst() instanceof Select select) {
            List<ColumnOrigin> origins = Slots.positional(queries.query(select, scope, scope.ctes), columns.size());
            for (int i = 0; i < columns.size(); i++) {
                write(writes, columns.get(i), origins.get(i));
            }
        } else {
            List<ColumnOrigin> origins = new ArrayList<>();
            values.forEach(value -> origins.add(queries.expressions.origin(value, scope)));
            ColumnOrigin any = Origins.oneOf(origins);
            columns.forEach(column -> write(writes, column, any));
        }
    }

    private static void write(Map<String, ColumnOrigin> writes, String column, ColumnOrigin origin) {
        if (origin instanceof ColumnOrigin.Constant) {
            return; // a literal or parameter: nothing from another column
        }
        writes.merge(column, origin, (a, b) -> Origins.oneOf(List.of(a, b)));
    }
}
