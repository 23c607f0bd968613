package dev.sluice.core.sql;

import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.StatementVisitor;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.insert.ParenthesedInsert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.merge.MergeDelete;
import net.sf.jsqlparser.statement.merge.MergeInsert;
import net.sf.jsqlparser.statement.merge.MergeOperation;
import net.sf.jsqlparser.statement.merge.MergeUpdate;
import net.sf.jsqlparser.statement.refresh.RefreshMaterializedViewStatement;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.SelectVisitor;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.ParenthesedUpdate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the tables a parsed statement reads and writes.
 *
 * <p>The targets of INSERT, UPDATE, DELETE, MERGE, REPLACE, SELECT INTO, DDL and TRUNCATE are written;
 * everything else is read, including the target itself when a RETURNING clause or a subquery reads it back, and
 * data-modifying CTEs write their targets whatever the main statement is. Queries, CTE scoping and the clauses
 * JSqlParser's own finder skips are handled by {@link ScopedTablesFinder}. As a last safety net, every table name
 * the parser built (each is a {@code TableName} node of its syntax tree) that no rule classified is reported as
 * read: a clause neither walker knows can make an analysis say too much, never too little.
 *
 * <p>One instance per statement; not thread-safe.
 */
final class TableAccessFinder extends ScopedTablesFinder {

    /** The result: lower-cased, unquoted names as written in the statement. */
    record TableAccess(Set<String> read, Set<String> written) {
    }

    private TableAccessFinder() {
    }

    static TableAccess find(Statement statement, Node root) {
        TableAccessFinder finder = new TableAccessFinder();
        try {
            statement.accept((StatementVisitor<Void>) finder, null);
        } catch (RuntimeException e) {
            // The library refuses some statement types (CREATE SEQUENCE, SET, …): the sweep below still
            // reports any table name in them.
        }
        finder.sweep(root);
        return new TableAccess(Set.copyOf(finder.read), Set.copyOf(finder.written));
    }

    // ---- data-modifying statements ---------------------------------------------------------------------

    @Override
    public <S> Void visit(Insert insert, S context) {
        withScope(insert.getWithItemsList(), () -> {
            write(insert.getTable());
            if (insert.getSelect() != null) {
                insert.getSelect().accept((SelectVisitor<Void>) this, null);
            }
            updateSets(insert.getSetUpdateSets());
            updateSets(insert.getDuplicateUpdateSets());
            if (insert.getConflictAction() != null) {
                updateSets(insert.getConflictAction().getUpdateSets());
                expression(insert.getConflictAction().getWhereExpression());
            }
            returning(insert.getReturningClause(), insert.getTable());
        });
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedInsert insert, S context) {
        return visit(insert.getInsert(), context);
    }

    @Override
    public <S> Void visit(Upsert upsert, S context) {
        write(upsert.getTable());
        if (upsert.getSelect() != null) {
            upsert.getSelect().accept((SelectVisitor<Void>) this, null);
        }
        expression(upsert.getExpressions());
        updateSets(upsert.getUpdateSets());
        updateSets(upsert.getDuplicateUpdateSets());
        return null;
    }

    @Override
    public <S> Void visit(Update update, S context) {
        withScope(update.getWithItemsList(), () -> {
            write(update.getTable());
            Map<String, Table> targets = new HashMap<>();
            alias(targets, update.getTable());
            if (update.getStartJoins() != null) {
                for (Join join : update.getStartJoins()) {
                    alias(targets, join.getRightItem());
                }
                // MySQL multi-table UPDATE: a joined table whose columns are assigned is written too.
                for (UpdateSet set : update.getUpdateSets()) {
                    for (Column column : set.getColumns()) {
                        Table assigned = column.getTable() == null ? null : targets.get(qualifier(column.getTable()));
                        if (assigned != null) {
                            write(assigned);
                        }
                    }
                }
                joins(update.getStartJoins());
            }
            updateSets(update.getUpdateSets());
            fromItem(update.getFromItem());
            joins(update.getJoins());
            expression(update.getWhere());
            orderBy(update.getOrderByElements());
            if (update.getLimit() != null) {
                expression(update.getLimit().getRowCount());
            }
            returning(update.getReturningClause(), update.getTable());
        });
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedUpdate update, S context) {
        return visit(update.getUpdate(), context);
    }

    @Override
    public <S> Void visit(Delete delete, S context) {
        withScope(delete.getWithItemsList(), () -> {
            List<Table> deleted = delete.getTables();
            if (deleted == null || deleted.isEmpty()) {
                write(delete.getTable());
            } else {
                // MySQL multi-table DELETE t1, t2 FROM …: the listed names may be aliases of the FROM tables.
                Map<String, Table> sources = new HashMap<>();
                alias(sources, delete.getTable());
                if (delete.getJoins() != null) {
                    delete.getJoins().forEach(join -> alias(sources, join.getRightItem()));
                }
                if (delete.getUsingList() != null) {
                    delete.getUsingList().forEach(table -> alias(sources, table));
                }
                for (Table target : deleted) {
                    Table source = sources.get(qualifier(target));
                    if (source != null) {
                        classified.add(target);
                        write(source);
                    } else {
                        write(target);
                    }
                }
                fromItem(delete.getTable());
            }
            if (delete.getUsingList() != null) {
                delete.getUsingList().forEach(table -> fromItem(table));
            }
            joins(delete.getJoins());
            expression(delete.getWhere());
            orderBy(delete.getOrderByElements());
            if (delete.getLimit() != null) {
                expression(delete.getLimit().getRowCount());
            }
            returning(delete.getReturningClause(), delete.getTable());
        });
        return null;
    }

    @Override
    public <S> Void visit(ParenthesedDelete delete, S context) {
        return visit(delete.getDelete(), context);
    }

    @Override
    public <S> Void visit(Merge merge, S context) {
        withScope(merge.getWithItemsList(), () -> {
            write(merge.getTable());
            fromItem(merge.getFromItem());
            expression(merge.getOnCondition());
            if (merge.getOperations() != null) {
                merge.getOperations().forEach(this::mergeOperation);
            }
        });
        return null;
    }

    private void mergeOperation(MergeOperation operation) {
        switch (operation) {
            case MergeUpdate update -> {
                expression(update.getAndPredicate());
                updateSets(update.getUpdateSets());
                expression(update.getWhereCondition());
                expression(update.getDeleteWhereCondition());
            }
            case MergeInsert insert -> {
                expression(insert.getAndPredicate());
                expression(insert.getValues());
                expression(insert.getWhereCondition());
            }
            case MergeDelete delete -> expression(delete.getAndPredicate());
            default -> {
                // A newer operation kind: swept up as reads.
            }
        }
    }

    // ---- DDL and maintenance ---------------------------------------------------------------------------

    @Override
    public <S> Void visit(CreateTable create, S context) {
        write(create.getTable());
        if (create.getSelect() != null) {
            create.getSelect().accept((SelectVisitor<Void>) this, null);
        }
        visit(create.getLikeTable(), context);
        return null;
    }

    @Override
    public <S> Void visit(CreateView create, S context) {
        write(create.getView());
        if (create.getSelect() != null) {
            create.getSelect().accept((SelectVisitor<Void>) this, null);
        }
        return null;
    }

    @Override
    public <S> Void visit(AlterView alter, S context) {
        write(alter.getView());
        if (alter.getSelect() != null) {
            alter.getSelect().accept((SelectVisitor<Void>) this, null);
        }
        return null;
    }

    @Override
    public <S> Void visit(CreateIndex create, S context) {
        write(create.getTable());
        return null;
    }

    @Override
    public <S> Void visit(Alter alter, S context) {
        write(alter.getTable());
        return null;
    }

    @Override
    public <S> Void visit(Drop drop, S context) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        if (type.endsWith("TABLE") || type.endsWith("VIEW") || drop.isMaterialized()) {
            write(drop.getName());
        } else {
            classified.add(drop.getName()); // an index, schema, function…: not a table
        }
        return null;
    }

    @Override
    public <S> Void visit(Truncate truncate, S context) {
        if (truncate.getTables() != null) {
            truncate.getTables().forEach(this::write);
        }
        write(truncate.getTable());
        return null;
    }

    @Override
    public <S> Void visit(RenameTableStatement rename, S context) {
        for (Map.Entry<Table, Table> names : rename.getTableNames()) {
            write(names.getKey());
            write(names.getValue());
        }
        return null;
    }

    @Override
    public <S> Void visit(RefreshMaterializedViewStatement refresh, S context) {
        write(refresh.getView());
        return null;
    }

    @Override
    public <S> Void visit(Comment comment, S context) {
        write(comment.getTable());
        write(comment.getView());
        if (comment.getColumn() != null) {
            write(comment.getColumn().getTable());
        }
        return null;
    }

    @Override
    public <S> Void visit(Analyze analyze, S context) {
        visit(analyze.getTable(), context);
        return null;
    }

    /** EXPLAIN plans without running: what it names is read. EXPLAIN ANALYZE runs it: as the statement does. */
    @Override
    public <S> Void visit(ExplainStatement explain, S context) {
        if (explain.getStatement() != null) {
            explain.getStatement().accept((SelectVisitor<Void>) this, null);
        }
        if (explain.getOption(ExplainStatement.OptionType.ANALYZE) == null) {
            read.addAll(written);
            written.clear();
        }
        return null;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private void updateSets(List<UpdateSet> sets) {
        if (sets != null) {
            sets.forEach(set -> expression(set.getValues()));
        }
    }

    /** RETURNING reads the rows of the target back (UPDATE … RETURNING ssn reveals stored values). */
    private void returning(ReturningClause returning, Table target) {
        if (returning == null || returning.isEmpty() || target == null) {
            return;
        }
        if (!isCteReference(target) && target.getName() != null) {
            read.add(TableNames.of(target));
        }
        returning.forEach(item -> item.accept(this, null));
    }

    private static void alias(Map<String, Table> byName, FromItem item) {
        if (item instanceof Table table && table.getName() != null) {
            byName.putIfAbsent(TableNames.of(table), table);
            if (table.getAlias() != null && table.getAlias().getName() != null) {
                byName.put(TableNames.part(table.getAlias().getName()), table);
            }
        }
    }

    private static String qualifier(Table table) {
        return table.getName() == null ? "" : TableNames.of(table);
    }
}
