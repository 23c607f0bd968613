package dev.sluice.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The audit writer's own connection, with every statement a group needs prepared once and reused for every
 * group.
 *
 * <p>Why not a pooled connection per group: sqlite-jdbc caches no statements, and a pooled connection closes its
 * statements when it goes back to the pool, so every group re-prepared about ten statements; in the gateway
 * profile that was the largest single cost after SQLite's own work (bench/RESULTS.md). The writer is one thread,
 * so its connection needs no pool. {@link AuditGroupWriter} replaces it after any failed group (the statements
 * may hold half a batch, the connection may be dead), and {@link #stillUsable()} checks it after an idle spell,
 * as the pool would have.
 *
 * <p>Per-connection settings are made once, when the connection opens, instead of per group:
 * <ul>
 *   <li>SQLite: {@code synchronous} ({@code FULL} when durable); transactions are begun with an explicit
 *       {@code BEGIN IMMEDIATE} (the write lock up front, so a busy database makes the writer wait rather than
 *       fail). The driver stays in auto-commit mode between groups: in its manual-commit mode sqlite-jdbc begins
 *       the next transaction as soon as one commits, which with {@code IMMEDIATE} would hold the write lock while
 *       the writer sits idle;</li>
 *   <li>PostgreSQL: {@code lock_timeout} (a writer that waits too long for the chain head's row lock gives up
 *       and the group is retried) and, when durable, {@code synchronous_commit = on}. The connection serves only
 *       this writer, so a session setting has the same reach as {@code SET LOCAL} had.</li>
 * </ul>
 */
final class AuditWriterConnection implements AutoCloseable {

    /** After this long unused the connection is checked before use (HikariCP's own threshold). */
    static final Duration IDLE_CHECK_AFTER = Duration.ofMillis(500);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private static final String INSERT_EVENT =
            "INSERT INTO audit_events (seq, at, session_id, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, %s, ?, ?)";
    private static final String UPDATE_HEAD = "UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1";

    private final Connection connection;
    private final Dialect dialect;
    private final Transactions transactions;
    private final PreparedStatement readHead;
    private final PreparedStatement insertEvent;
    private final PreparedStatement updateHead;
    private final SessionTable.Upserts sessionUpserts;
    private final long idleCheckAfterNanos;
    private long lastUsedNanos = System.nanoTime();

    private AuditWriterConnection(Connection connection, Dialect dialect, Duration idleCheckAfter)
            throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.idleCheckAfterNanos = idleCheckAfter.toNanos();
        this.transactions = Transactions.prepare(connection, dialect);
        this.readHead = connection.prepareStatement(dialect.selectChainHeadForWrite());
        this.insertEvent = connection.prepareStatement(INSERT_EVENT.formatted(dialect.jsonParameter()));
        this.updateHead = connection.prepareStatement(UPDATE_HEAD);
        this.sessionUpserts = SessionTable.Upserts.prepare(connection);
    }

    /**
     * Opens a connection, makes its settings and prepares its statements.
     *
     * @param durable        whether each commit must reach stable storage before it returns, power loss included
     * @param idleCheckAfter how long the connection may sit unused before {@link #stillUsable()} asks the
     *                       database
     */
    static AuditWriterConnection open(ConnectionOpener opener, Dialect dialect, boolean durable,
                                      Duration idleCheckAfter) throws SQLException {
        Connection connection = opener.open();
        try {
            try (Statement settings = connection.createStatement()) {
                switch (dialect) {
                    case SQLITE -> settings.execute("PRAGMA synchronous = " + (durable ? "FULL" : "NORMAL"));
                    case POSTGRESQL -> {
                        settings.execute("SET lock_timeout = '10s'");
                        if (durable) {
                            settings.execute("SET synchronous_commit = on");
                        }
                    }
                }
            }
            return new AuditWriterConnection(connection, dialect, idleCheckAfter);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
    }

    /** False when the connection sat idle and no longer answers; a busy connection is trusted without a check. */
    boolean stillUsable() {
        if (System.nanoTime() - lastUsedNanos < idleCheckAfterNanos) {
            return true;
        }
        try {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    void begin() throws SQLException {
        lastUsedNanos = System.nanoTime();
        transactions.begin();
    }

    void commit() throws SQLException {
        transactions.commit();
        lastUsedNanos = System.nanoTime();
    }

    void rollback() throws SQLException {
        transactions.rollback();
    }

    Dialect dialect() {
        return dialect;
    }

    PreparedStatement readHead() {
        return readHead;
    }

    PreparedStatement insertEvent() {
        return insertEvent;
    }

    PreparedStatement updateHead() {
        return updateHead;
    }

    SessionTable.Upserts sessionUpserts() {
        return sessionUpserts;
    }

    /** Closes the connection and with it every statement. */
    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }

    /** How a group's transaction is begun and ended on each engine. */
    private sealed interface Transactions {

        static Transactions prepare(Connection connection, Dialect dialect) throws SQLException {
            return switch (dialect) {
                case SQLITE -> new Explicit(connection.prepareStatement("BEGIN IMMEDIATE"),
                        connection.prepareStatement("COMMIT"), connection.prepareStatement("ROLLBACK"));
                case POSTGRESQL -> {
                    // pgjdbc sends BEGIN with the first statement of each transaction; nothing is held in between.
                    connection.setAutoCommit(false);
                    yield new Driver(connection);
                }
            };
        }

        void begin() throws SQLException;

        void commit() throws SQLException;

        void rollback() throws SQLException;

        /** SQLite: the driver in auto-commit mode, the transaction statements prepared once. */
        record Explicit(PreparedStatement beginStatement, PreparedStatement commitStatement,
                        PreparedStatement rollbackStatement) implements Transactions {

            @Override
            public void begin() throws SQLException {
                beginStatement.execute();
            }

            @Override
            public void commit() throws SQLException {
                commitStatement.execute();
            }

            @Override
            public void rollback() throws SQLException {
                rollbackStatement.execute();
            }
        }

        /** PostgreSQL: the driver's manual-commit mode. */
        record Driver(Connection connection) implements Transactions {

            @Override
            public void begin() {
            }

            @Override
            public void commit() throws SQLException {
                connection.commit();
            }

            @Override
            public void rollback() throws SQLException {
                connection.rollback();
            }
        }
    }
}
