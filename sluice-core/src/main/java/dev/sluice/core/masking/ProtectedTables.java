package dev.sluice.core.masking;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.policy.ProtectedData;

import java.util.HashSet;
import java.util.Set;

/**
 * {@link ProtectedData} from a masking policy, at table level: a statement touches protected data when a table it
 * reads or writes may hold a protected column ({@link MaskingPolicy#mayHoldProtectedColumns}). It does not look at
 * which columns the statement uses ({@code SELECT id FROM patients} counts): a whole-row reference
 * ({@code SELECT p FROM patients p}, {@code row_to_json(p)}) reads every column without naming one, and a wrong
 * "no" here would let a rule's protection lapse.
 *
 * <p>Table names come as the statement wrote them. An unqualified name matches a rule for any schema (the search
 * path decides where it resolves). A statement that names no table counts as touching protected data when it runs
 * something it does not show (a DO block, CALL, EXECUTE of a prepared statement, FETCH from a cursor, a fastpath
 * function call), or when the parser could not read it, unless its kind cannot reach row data at all (transaction
 * control, SET, SHOW, LISTEN…). A parsed query that names no table ({@code SELECT 1}, {@code SELECT f()}) does not:
 * what a function reads behind the gateway's back is for the output masking and its content net to catch.
 */
final class ProtectedTables implements ProtectedData {

    /** Kinds that move no row data, whatever their arguments. */
    static final Set<String> DATA_FREE_KINDS = Set.of("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET",
            "RESET", "SHOW", "LISTEN", "UNLISTEN", "NOTIFY", "DISCARD", "DEALLOCATE", "CLOSE", "CHECKPOINT", "USE",
            "UNLOCK");

    /** Kinds that run code or a statement written earlier, which this statement does not show. */
    static final Set<String> INDIRECT_KINDS = Set.of("EXECUTE", "CALL", "DO", "FETCH", "MOVE",
            SqlStatement.FUNCTION_CALL);

    private final MaskingPolicy policy;
    private final TableColumns catalog;

    ProtectedTables(MaskingPolicy policy, TableColumns catalog) {
        this.policy = policy;
        this.catalog = catalog;
    }

    @Override
    public boolean touches(SqlStatement statement) {
        if (!policy.protectsAnything()) {
            return false;
        }
        Set<String> tables = new HashSet<>(statement.tablesRead());
        tables.addAll(statement.tablesWritten());
        if (tables.isEmpty()) {
            return INDIRECT_KINDS.contains(statement.kind())
                    || !statement.parsed() && !DATA_FREE_KINDS.contains(statement.kind());
        }
        for (String name : tables) {
            if (mayHold(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code db.schema.table}, {@code schema.table} or {@code table}. A quoted name may itself contain a dot, so
     * the whole name is also tried as an unqualified table: either reading being protected is enough.
     */
    private boolean mayHold(String name) {
        int lastDot = name.lastIndexOf('.');
        if (lastDot < 0) {
            return policy.mayHoldProtectedColumns(null, name, catalog);
        }
        String table = name.substring(lastDot + 1);
        String qualifier = name.substring(0, lastDot);
        String schema = qualifier.substring(qualifier.lastIndexOf('.') + 1);
        return policy.mayHoldProtectedColumns(schema, table, catalog)
                || policy.mayHoldProtectedColumns(null, name, catalog);
    }
}
