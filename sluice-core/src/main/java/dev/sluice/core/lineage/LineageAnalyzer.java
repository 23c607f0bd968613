package dev.sluice.core.lineage;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.lineage.Scope.Ctes;
import dev.sluice.core.masking.TableColumns;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Says where every output column of a statement comes from, from its syntax tree (JSqlParser, PostgreSQL dialect),
 * and which columns its predicates use. Pure: no I/O; what it knows of tables comes from the {@link TableColumns}
 * catalog passed in. Thread-safe (each call works on its own state; the syntax tree is only read). Never throws:
 * a statement it cannot analyse, or a failure inside, gives a lineage that is unknown as a whole.
 *
 * <h2>What it follows</h2>
 * Table and column aliases; quoted identifiers (folded to lower case like unquoted ones, see {@link SourceColumn});
 * {@code *} and {@code t.*}, expanded with the catalog; CTEs, including recursive ones (iterated until their
 * columns settle, else unknown) and data-modifying ones; subqueries in FROM (with their column aliases), in the
 * select list and in predicates, correlated or not; LATERAL; functions in FROM; set operations (column i from
 * column i of any branch); joins, with USING and NATURAL columns merged (from either side); VALUES lists;
 * {@code TABLE t}; SELECT INTO; INSERT/UPDATE/DELETE … RETURNING (a target column returns what is stored or what
 * the statement wrote into it).
 *
 * <h2>Over-approximation</h2>
 * A source that might feed a value is always listed: an unqualified column that several tables in scope may have
 * (a table whose columns the catalog does not know may have any) comes from all of them; a name no table is known
 * to have may come from any table in scope (the catalog may be stale); a CASE whose condition reads a column is
 * derived from that column too.
 *
 * <h2>What degrades to {@link ColumnOrigin.Unknown}</h2>
 * A function that is not a known PostgreSQL built-in (a user's function, or one that reads data the statement does
 * not name, such as {@code query_to_xml} or {@code dblink}); an expression kind the analysis does not handle; a
 * whole-row reference ({@code row_to_json(p)}, {@code SELECT p}) or a NATURAL JOIN over a table whose columns are
 * unknown; a reference to a name no table in scope has; a recursive CTE that does not settle within a few rounds.
 * A {@code *} over a table whose columns are unknown is one spanning entry ({@link Lineage#originsFor}). The whole
 * statement is unknown when it did not parse, is not a query (or DML with RETURNING), or is too complex.
 *
 * <h2>Cost and caching</h2>
 * One walk over the tree (a recursive CTE a few more); each table's columns are asked of the catalog once per
 * reference. The result depends only on the statement's normalised text and the catalog, so the caller can cache
 * it under both (text and catalog version).
 */
public final class LineageAnalyzer {

    private static final Logger LOG = LoggerFactory.getLogger(LineageAnalyzer.class);

    private LineageAnalyzer() {
    }

    /**
     * The lineage of one analysed statement.
     *
     * @param statement the analysis ({@link SqlStatement#syntaxTree()} is used when {@link SqlStatement#parsed()})
     * @param catalog   what is known of the tables' columns; {@link TableColumns#UNKNOWN} when nothing is
     */
    public static Lineage analyze(SqlStatement statement, TableColumns catalog) {
        Objects.requireNonNull(statement, "statement");
        if (!statement.parsed() || statement.syntaxTree().isEmpty()
                || !(statement.syntaxTree().get() instanceof Statement tree)) {
            return Lineage.unknown("the statement was not parsed");
        }
        return analyze(tree, catalog);
    }

    /** The lineage of a parsed statement. */
    public static Lineage analyze(Statement statement, TableColumns catalog) {
        Objects.requireNonNull(statement, "statement");
        try {
            return walk(statement, new QueryLineage(catalog == null ? TableColumns.UNKNOWN : catalog));
        } catch (QueryLineage.TooComplexException e) {
            return Lineage.unknown("the statement is too complex to analyse");
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or a pathological tree, never a reason to fail the statement: its lineage is unknown
            LOG.warn("lineage analysis failed unexpectedly ({}); the statement's lineage is unknown",
                    e.getClass().getName());
            return Lineage.unknown("the lineage analysis failed");
        }
    }

    private static Lineage walk(Statement statement, QueryLineage queries) {
        return switch (statement) {
            case Select select -> rows(queries.query(select, null, Ctes.NONE), queries);
            case Insert insert -> {
                List<Slot> returned = queries.dml.insert(insert, null, Ctes.NONE);
                yield insert.getReturningClause() == null
                        ? noRows("an INSERT without RETURNING returns no rows", queries) : rows(returned, queries);
            }
            case Update update -> {
                List<Slot> returned = queries.dml.update(update, null, Ctes.NONE);
                yield update.getReturningClause() == null
                        ? noRows("an UPDATE without RETURNING returns no rows", queries) : rows(returned, queries);
            }
            case Delete delete -> {
                List<Slot> returned = queries.dml.delete(delete, null, Ctes.NONE);
                yield delete.getReturningClause() == null
                        ? noRows("a DELETE without RETURNING returns no rows", queries) : rows(returned, queries);
            }
            case ExplainStatement explain -> {
                if (explain.getStatement() != null) {
                    queries.query(explain.getStatement(), null, Ctes.NONE);
                }
                yield noRows("EXPLAIN returns a plan, not the query's rows", queries);
            }
            case CreateTable create when create.getSelect() != null -> {
                queries.query(create.getSelect(), null, Ctes.NONE);
                yield noRows("CREATE TABLE … AS returns no rows", queries);
            }
            case CreateView view when view.getSelect() != null -> {
                queries.query(view.getSelect(), null, Ctes.NONE);
                yield noRows("CREATE VIEW returns no rows", queries);
            }
            case SetStatement _, ResetStatement _, ShowStatement _, UseStatement _, Commit _, RollbackStatement _,
                 SavepointStatement _, Drop _, Truncate _, Grant _, Comment _ ->
                    // no query inside: nothing to infer from, and no rows of any table
                    new Lineage(Optional.of("a " + statement.getClass().getSimpleName()
                            + " statement returns no query rows"), List.of(), Set.of(), Optional.empty());
            default -> Lineage.unknown("a " + statement.getClass().getSimpleName() + " statement is not analysed");
        };
    }

    private static Lineage rows(List<Slot> columns, QueryLineage queries) {
        return new Lineage(Optional.empty(), Slots.flatten(columns), queries.predicates.columns,
                queries.predicates.unknown());
    }

    private static Lineage noRows(String reason, QueryLineage queries) {
        return new Lineage(Optional.of(reason), List.of(), queries.predicates.columns, queries.predicates.unknown());
    }
}
