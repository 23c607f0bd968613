package dev.sluice.core.policy.guards;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.command.SqlTraits;
import dev.sluice.core.lineage.Lineage;
import dev.sluice.core.lineage.LineageAnalyzer;
import dev.sluice.core.lineage.SourceColumn;
import dev.sluice.core.masking.ColumnMasking;
import dev.sluice.core.masking.GuardMode;
import dev.sluice.core.masking.Guards;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.masking.TableColumns;
import dev.sluice.core.policy.rules.StatementVisibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges one statement by the guards of a masking policy. Pure and thread-safe; never throws (a guard that fails
 * counts as tripped).
 *
 * <p>"A table that may hold a protected column" is {@link MaskingPolicy#mayHoldProtectedColumns} without a catalog:
 * a rule whose table part is a glob ({@code *.*.ssn}, as every {@code phi-strict} rule is) makes every table a
 * candidate. Tables are named as the statement wrote them; an unqualified one may be in any schema.
 *
 * <h2>Code execution</h2>
 * Trips on {@code DO} ({@link SqlTraits#DO_BLOCK}) and {@code CREATE [OR REPLACE] FUNCTION | PROCEDURE}
 * ({@link SqlTraits#CREATE_FUNCTION}), whatever they name: their bodies are opaque to the gateway.
 *
 * <h2>Copy-out</h2>
 * Trips on a statement that copies or moves rows to a place no masking rule names:
 * <ul>
 *   <li>{@code CREATE [TEMP] TABLE … AS}, {@code SELECT … INTO}, {@code INSERT … SELECT},
 *       {@code CREATE [OR REPLACE] [MATERIALIZED | TEMP] VIEW}, {@code COPY … TO} a server file or a program, and
 *       an {@code INSERT}, {@code UPDATE}, {@code MERGE} or {@code SELECT} (a data-modifying CTE) that writes a table
 *       and reads another ({@code INSERT … VALUES ((SELECT …))}, {@code UPDATE … FROM}, {@code MERGE … USING}), when
 *       a table it reads may hold a protected column; when the gateway could not analyse the statement
 *       ({@link StatementVisibility}), always (fail closed). {@code COPY … TO STDOUT} is not copy-out: its rows are
 *       masked on their way to the client;</li>
 *   <li>a statement that reads a table that may hold a protected column and calls a function that stores a value
 *       outside any table ({@code set_config}, {@code lo_from_bytea}, {@code lo_put}, {@code lowrite},
 *       {@code lo_import}, also {@code pg_catalog.}-qualified): the value is read back later from a setting or a
 *       large object, where no masking rule names it;</li>
 *   <li>{@code UPDATE} of a table that may hold a protected column whose SET assigns a protected column of the same
 *       row (or the whole row) to another column, or assigns a subquery ({@link SameRowCopies});</li>
 *   <li>{@code ALTER} (or MySQL's {@code RENAME}) of a table that may hold a protected column that renames it or a
 *       column ({@code RENAME}), moves it to another schema ({@code SET SCHEMA}) or adds a generated column
 *       ({@code GENERATED}): afterwards the rules that named the data would no longer name it.</li>
 * </ul>
 *
 * <h2>Inference</h2>
 * Trips on a statement on a table that may hold a protected column (read or written) when
 * <ul>
 *   <li>a column that steers its rows ({@link Lineage#predicateColumns()}: WHERE, JOIN, GROUP BY, HAVING, ORDER BY,
 *       DISTINCT, comparing set operations, window and aggregate ordering, CASE conditions, at any depth, the WHERE
 *       of UPDATE and DELETE) is protected ({@link MaskingPolicy#lookup} is not {@link ColumnMasking#UNPROTECTED});
 *       or</li>
 *   <li>such a column could not be traced ({@link Lineage#unknownPredicates()}: a whole-row reference, DISTINCT over
 *       a {@code *} of unknown columns, a statement kind lineage does not follow such as MERGE); or</li>
 *   <li>it adds a {@code CHECK} constraint ({@code ALTER TABLE patients ADD CHECK (ssn <> '…')} fails exactly when a
 *       row holds that value); or</li>
 *   <li>the gateway could not analyse it: fail closed.</li>
 * </ul>
 * Only queries, DML and DDL with a query are traced; other parsed statements (CREATE TABLE, CREATE INDEX…) and
 * statements read from their keywords alone (COPY of a table) have no predicate. Statements that cannot filter
 * rows are let through even unanalysed: transaction and session control, maintenance ({@code VACUUM},
 * {@code ANALYZE}…), and statements that run something judged earlier ({@code EXECUTE}, {@code FETCH},
 * {@code MOVE}). So are {@code DO}, {@code CALL}, fastpath function calls and function creation, which run code
 * rather than a predicate the client wrote: the code-execution guard is theirs.
 */
final class StatementGuards {

    private static final Logger LOG = LoggerFactory.getLogger(StatementGuards.class);

    private static final String INFER = "it would let you infer masked values";
    private static final String UNMASKED_COPY = "no masking rule would name the copy, so it could be read unmasked";
    private static final String OPAQUE_CODE = "code run inside the database can read protected data and return it "
            + "in any shape, unmasked";

    /** Kinds without a predicate of their own, even when the parser did not read them. */
    private static final Set<String> NO_PREDICATE_KINDS = Set.of("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT",
            "RELEASE", "SET", "RESET", "SHOW", "LISTEN", "UNLISTEN", "NOTIFY", "DISCARD", "DEALLOCATE", "CLOSE",
            "CHECKPOINT", "USE", "UNLOCK", "EXECUTE", "FETCH", "MOVE", "DO", "CALL", SqlStatement.FUNCTION_CALL,
            "VACUUM", "ANALYZE", "CLUSTER", "REINDEX", "LOCK", "TRUNCATE", "DROP", "GRANT", "REVOKE", "COMMENT");

    /** Traits of statements that copy a query's rows into a new table or view. */
    private static final Set<String> COPYING_TRAITS = Set.of(SqlTraits.CREATE_TABLE_AS, SqlTraits.SELECT_INTO,
            SqlTraits.INSERT_SELECT, SqlTraits.CREATE_VIEW);

    /** Kinds that write rows and may take them from other tables (a SELECT with a data-modifying CTE writes). */
    private static final Set<String> WRITING_KINDS = Set.of("INSERT", "UPDATE", "MERGE", "REPLACE", "SELECT");

    /**
     * Functions that store their arguments where a later statement reads them back without a column for a masking
     * rule to name: a session setting ({@code set_config}, read by {@code SHOW} or {@code current_setting}) and a
     * large object ({@code lo_get}, {@code loread}). Called on a table that may hold a protected column they copy
     * it out like {@code INSERT … SELECT}.
     */
    private static final Set<String> STORING_FUNCTIONS = Set.of("set_config", "lo_from_bytea", "lo_put", "lowrite",
            "lo_import");

    private static final String PG_CATALOG = "pg_catalog.";

    /** Parsed kinds that can pick, match, group or order rows. */
    private static final Set<String> FILTERING_KINDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE",
            "REPLACE", "VALUES", "EXPLAIN");

    /**
     * ALTER words that move data out of its rules' reach, and CHECK; matched on the literal-free text, so a literal
     * cannot fake or hide one (a quoted identifier spelled like one only makes the guard stricter).
     */
    private static final Pattern MOVING_ALTER = Pattern.compile("(?i)\\b(RENAME|SET\\s+SCHEMA|GENERATED)\\b");
    private static final Pattern CHECK = Pattern.compile("(?i)\\bCHECK\\b");

    private final MaskingPolicy masking;

    StatementGuards(MaskingPolicy masking) {
        this.masking = masking;
    }

    /** The guard the statement trips, or null: see {@link GuardedPolicy} for the order. */
    GuardTrip judge(SqlStatement statement, Guards guards) {
        GuardTrip strongest = null;
        if (guards.codeExecution() != GuardMode.OFF) {
            strongest = stronger(strongest, safely(GuardedPolicy.CODE_EXECUTION, guards.codeExecution(),
                    () -> codeExecution(statement, guards.codeExecution())));
        }
        if (guards.copyOut() != GuardMode.OFF && !isDeny(strongest)) {
            strongest = stronger(strongest, safely(GuardedPolicy.COPY_OUT, guards.copyOut(),
                    () -> copyOut(statement, guards.copyOut())));
        }
        if (guards.inference() != GuardMode.OFF && !isDeny(strongest)) {
            strongest = stronger(strongest, safely(GuardedPolicy.INFERENCE, guards.inference(),
                    () -> inference(statement, guards.inference())));
        }
        return strongest;
    }

    // ---- code execution ---------------------------------------------------------------------------------

    private GuardTrip codeExecution(SqlStatement statement, GuardMode mode) {
        if (statement.traits().contains(SqlTraits.DO_BLOCK)) {
            return new GuardTrip(GuardedPolicy.CODE_EXECUTION, mode, "a DO block", OPAQUE_CODE);
        }
        if (statement.traits().contains(SqlTraits.CREATE_FUNCTION)) {
            return new GuardTrip(GuardedPolicy.CODE_EXECUTION, mode, "creating a function or procedure",
                    OPAQUE_CODE);
        }
        return null;
    }

    // ---- copy-out ---------------------------------------------------------------------------------------

    private GuardTrip copyOut(SqlStatement statement, GuardMode mode) {
        Optional<Moving> moving = moving(statement);
        if (moving.isPresent()) {
            List<String> moved = protectedAmong(statement.tablesWritten());
            return moved.isEmpty() ? null
                    : new GuardTrip(GuardedPolicy.COPY_OUT, mode, moving.get().what(tables(moved)), UNMASKED_COPY);
        }
        String form = copyForm(statement);
        if (form == null) {
            return sameRowCopy(statement, mode);
        }
        if (!StatementVisibility.analysed(statement)) {
            return new GuardTrip(GuardedPolicy.COPY_OUT, mode, "copying data the gateway could not analyse ("
                    + form + ")", UNMASKED_COPY);
        }
        List<String> sources = protectedAmong(statement.tablesRead());
        if (sources.isEmpty()) {
            return null;
        }
        return new GuardTrip(GuardedPolicy.COPY_OUT, mode, "copying data from " + tables(sources)
                + " into a new place (" + form + ")", UNMASKED_COPY);
    }

    /** {@code UPDATE patients SET notes = ssn}: see {@link SameRowCopies}. */
    private GuardTrip sameRowCopy(SqlStatement statement, GuardMode mode) {
        if (!statement.kind().equals("UPDATE") || !statement.parsed()) {
            return null;
        }
        List<String> targets = protectedAmong(statement.tablesWritten());
        if (targets.isEmpty()) {
            return null;
        }
        return SameRowCopies.of(statement, masking).map(copy -> new GuardTrip(GuardedPolicy.COPY_OUT, mode,
                switch (copy) {
                    case SameRowCopies.Copy.OfColumn column -> "copying the protected column " + column.column()
                            + " into another column (UPDATE … SET)";
                    case SameRowCopies.Copy.OfSubquery subquery -> "setting a column of " + tables(targets)
                            + " from a subquery (UPDATE … SET)";
                }, UNMASKED_COPY)).orElse(null);
    }

    /** The copy-out form of the statement, named for messages, or null when it copies nothing out. */
    private static String copyForm(SqlStatement statement) {
        Set<String> traits = statement.traits();
        if (traits.contains(SqlTraits.CREATE_TABLE_AS)) {
            return "CREATE TABLE … AS";
        }
        if (traits.contains(SqlTraits.SELECT_INTO)) {
            return "SELECT … INTO";
        }
        if (traits.contains(SqlTraits.INSERT_SELECT)) {
            return "INSERT … SELECT";
        }
        if (traits.contains(SqlTraits.CREATE_VIEW)) {
            return "CREATE VIEW";
        }
        if (traits.contains(SqlTraits.COPY_TO) && traits.contains(SqlTraits.COPY_PROGRAM)) {
            return "COPY … TO PROGRAM";
        }
        if (traits.contains(SqlTraits.COPY_TO) && traits.contains(SqlTraits.COPY_FILE)) {
            return "COPY … TO a server file";
        }
        String storing = storingFunction(statement);
        if (storing != null) {
            return storing + "()";
        }
        if (WRITING_KINDS.contains(statement.kind()) && !statement.tablesWritten().isEmpty()
                && !statement.tablesWritten().containsAll(statement.tablesRead())) {
            return "rows written from another table's data";
        }
        return null;
    }

    /** The first function of {@link #STORING_FUNCTIONS} the statement calls (unqualified name), or null. */
    private static String storingFunction(SqlStatement statement) {
        return statement.functions().stream()
                .map(name -> name.startsWith(PG_CATALOG) ? name.substring(PG_CATALOG.length()) : name)
                .filter(STORING_FUNCTIONS::contains)
                .sorted().findFirst().orElse(null);
    }

    /** What an ALTER or RENAME does that takes data out of its rules' reach. */
    private enum Moving {
        RENAME("renaming %s or one of its columns"),
        NEW_SCHEMA("moving %s to another schema"),
        GENERATED_COLUMN("adding a generated column to %s");

        private final String what;

        Moving(String what) {
            this.what = what;
        }

        String what(String tables) {
            return what.formatted(tables);
        }
    }

    private static Optional<Moving> moving(SqlStatement statement) {
        if (!statement.kind().equals("ALTER") && !statement.kind().equals("RENAME")) {
            return Optional.empty();
        }
        if (statement.kind().equals("RENAME")) {
            return Optional.of(Moving.RENAME);
        }
        Matcher words = MOVING_ALTER.matcher(statement.normalizedText());
        if (!words.find()) {
            return Optional.empty();
        }
        String word = words.group(1).toUpperCase(Locale.ROOT);
        return Optional.of(word.equals("RENAME") ? Moving.RENAME
                : word.equals("GENERATED") ? Moving.GENERATED_COLUMN : Moving.NEW_SCHEMA);
    }

    // ---- inference --------------------------------------------------------------------------------------

    private GuardTrip inference(SqlStatement statement, GuardMode mode) {
        if (NO_PREDICATE_KINDS.contains(statement.kind())) {
            return null;
        }
        Optional<SqlStatement> wrapped = WrappedQuery.of(statement);
        if (wrapped.isPresent()) {
            // DECLARE … CURSOR FOR q, PREPARE … AS q, COPY (q) TO: the query is what filters and sorts.
            return inference(wrapped.get(), mode);
        }
        Set<String> tables = new TreeSet<>(statement.tablesRead());
        tables.addAll(statement.tablesWritten());
        List<String> protectedTables = protectedAmong(tables);
        if (!StatementVisibility.analysed(statement)) {
            if (!tables.isEmpty() && protectedTables.isEmpty()) {
                return null; // the tables it names hold nothing protected
            }
            return new GuardTrip(GuardedPolicy.INFERENCE, mode, "a statement the gateway could not analyse"
                    + (protectedTables.isEmpty() ? "" : " on " + tables(protectedTables))
                    + " (it may filter, join or sort on protected columns)", INFER);
        }
        if (protectedTables.isEmpty() || !statement.parsed()) {
            return null; // nothing protected; or read from its keywords alone (COPY of a table, SET…): no predicate
        }
        if (statement.kind().equals("ALTER") && CHECK.matcher(statement.normalizedText()).find()) {
            // ADD CONSTRAINT … CHECK (ssn <> '…') fails exactly when a row has that value.
            return new GuardTrip(GuardedPolicy.INFERENCE, mode, "a CHECK constraint on "
                    + tables(protectedTables), INFER);
        }
        if (!filtersRows(statement)) {
            return null;
        }
        Lineage lineage = LineageAnalyzer.analyze(statement, TableColumns.UNKNOWN);
        for (SourceColumn column : lineage.predicateColumns()) {
            if (isProtected(column)) {
                return new GuardTrip(GuardedPolicy.INFERENCE, mode,
                        "filtering, joining or sorting on the protected column " + column, INFER);
            }
        }
        if (lineage.unknownPredicates().isPresent()) {
            // Some column that steers its rows could not be traced (a whole-row reference, DISTINCT over a * of
            // unknown columns, a statement kind lineage does not follow): it may be any column of these tables.
            return new GuardTrip(GuardedPolicy.INFERENCE, mode, "a statement on " + tables(protectedTables)
                    + " whose filtering, joining and sorting columns the gateway could not trace", INFER);
        }
        return null;
    }

    /** Whether a parsed statement can pick, match, group or order rows: a query, DML, or DDL with a query. */
    private static boolean filtersRows(SqlStatement statement) {
        return FILTERING_KINDS.contains(statement.kind())
                || statement.traits().stream().anyMatch(COPYING_TRAITS::contains);
    }

    private boolean isProtected(SourceColumn column) {
        return !(masking.lookup(column.schema(), column.table(), column.column())
                instanceof ColumnMasking.Unprotected);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /**
     * Whether a table, named as the statement wrote it ({@code db.schema.table}, {@code schema.table} or
     * {@code table}), may hold a protected column. A quoted name may itself contain a dot, so the whole name is
     * also tried as an unqualified table.
     */
    private boolean mayHoldProtected(String name) {
        int lastDot = name.lastIndexOf('.');
        if (lastDot < 0) {
            return masking.mayHoldProtectedColumns(null, name, TableColumns.UNKNOWN);
        }
        String table = name.substring(lastDot + 1);
        String qualifier = name.substring(0, lastDot);
        String schema = qualifier.substring(qualifier.lastIndexOf('.') + 1);
        return masking.mayHoldProtectedColumns(schema, table, TableColumns.UNKNOWN)
                || masking.mayHoldProtectedColumns(null, name, TableColumns.UNKNOWN);
    }

    private List<String> protectedAmong(Set<String> tables) {
        return new TreeSet<>(tables).stream().filter(this::mayHoldProtected).toList();
    }

    private static String tables(List<String> names) {
        return (names.size() == 1 ? "the protected table " : "the protected tables ") + String.join(", ", names);
    }

    private static boolean isDeny(GuardTrip trip) {
        return trip != null && trip.mode() == GuardMode.DENY;
    }

    private static GuardTrip stronger(GuardTrip current, GuardTrip candidate) {
        return candidate != null && candidate.strongerThan(current) ? candidate : current;
    }

    /** Runs one guard; a guard that fails (a bug) counts as tripped. */
    private static GuardTrip safely(String rule, GuardMode mode, Supplier<GuardTrip> guard) {
        try {
            return guard.get();
        } catch (RuntimeException e) {
            LOG.warn("guard {} failed ({}); the statement counts as tripping it", rule, e.getClass().getName());
            return new GuardTrip(rule, mode, "a statement the gateway could not check", "fail closed");
        }
    }

}
