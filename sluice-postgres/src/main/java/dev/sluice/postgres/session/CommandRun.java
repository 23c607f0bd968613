package dev.sluice.postgres.session;

import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.backend.CommandComplete;

import java.util.Objects;

/**
 * The running tally of one forwarded command (a simple Query, or one Execute of a prepared statement): rows seen,
 * the first error, and when it was sent. Only the upstream relay thread updates it.
 */
final class CommandRun {

    private final String commandId;
    private final MaskPlan maskPlan;
    private final String outcome;
    private final long startNanos;
    private long rows;
    private long rowsInStatement;
    private String errorSqlState = "";

    CommandRun(String commandId, MaskPlan maskPlan, String outcome, long startNanos) {
        this.commandId = Objects.requireNonNull(commandId, "commandId");
        this.maskPlan = Objects.requireNonNull(maskPlan, "maskPlan");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.startNanos = startNanos;
    }

    String commandId() {
        return commandId;
    }

    MaskPlan maskPlan() {
        return maskPlan;
    }

    String outcome() {
        return outcome;
    }

    long startNanos() {
        return startNanos;
    }

    void row() {
        rows++;
        rowsInStatement++;
    }

    /**
     * A statement finished. Its rows are the DataRows it returned, or, when it returned none, the count in its tag
     * ({@code INSERT 0 5}, {@code UPDATE 3}, {@code COPY 10}): a {@code SELECT 3} tag after three DataRows is not
     * counted twice, and a {@code CREATE TABLE AS} ({@code SELECT 7} without rows) still counts.
     */
    void statementComplete(CommandComplete complete) {
        if (rowsInStatement == 0) {
            rows += complete.rowCount();
        }
        rowsInStatement = 0;
    }

    /** Keeps the first error: later ones (25P02 after an abort) only echo it. */
    void failed(String sqlState) {
        if (errorSqlState.isEmpty()) {
            errorSqlState = sqlState == null || sqlState.isEmpty() ? "XX000" : sqlState;
        }
    }

    long rows() {
        return rows;
    }

    /** The first SQLSTATE the command failed with, or empty. */
    String errorSqlState() {
        return errorSqlState;
    }

    boolean hasFailed() {
        return !errorSqlState.isEmpty();
    }
}
