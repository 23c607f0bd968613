package dev.sluice.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;

/**
 * Runs short write transactions on the store's writer pool for the approval and grant stores.
 *
 * <p>SQLite: the transaction holds the store's local write lock, taking turns with the audit writers and the API key
 * store (see {@link StorePools}); the driver opens it with {@code BEGIN IMMEDIATE}, so it holds the database's write
 * lock from its first statement and a read-then-write never fails half-way with {@code SQLITE_BUSY}.
 * PostgreSQL: no local lock (it would make this process's audit writer wait on another replica's row lock); rows
 * are locked with {@code SELECT … FOR UPDATE} where a read decides a write.
 */
final class WriteTransactions {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource writer;
    private final Lock localWriteLock;
    private final Dialect dialect;
    private final UnaryOperator<String> scrub;

    WriteTransactions(DataSource writer, Lock localWriteLock, Dialect dialect, UnaryOperator<String> scrub) {
        this.writer = writer;
        this.localWriteLock = localWriteLock;
        this.dialect = dialect;
        this.scrub = scrub;
    }

    /**
     * Runs {@code work} in one transaction and commits it; rolls back when it throws.
     *
     * @param what for the error message, e.g. {@code record a vote}
     */
    <T> T run(String what, Work<T> work) {
        boolean locking = dialect == Dialect.SQLITE;
        if (locking) {
            localWriteLock.lock();
        }
        try (Connection connection = writer.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                restoreAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            if (locking) {
                localWriteLock.unlock();
            }
        }
    }

    /** Back to the pool as it came; a broken connection is the pool's to discard, not an error of this write. */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the pool resets or evicts it
        }
    }

    StoreException failure(String what, SQLException e) {
        return new StoreException("could not " + what + ": " + scrub.apply(String.valueOf(e.getMessage())), e);
    }
}
