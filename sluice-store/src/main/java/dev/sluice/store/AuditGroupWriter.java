package dev.sluice.store;

import dev.sluice.core.audit.AuditChain;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one group of events in one transaction: reads (and on PostgreSQL locks) the chain head, numbers and
 * chains the events from it, inserts them as a batch, updates the session summaries and moves the head. Either
 * all of it commits or none of it does, so the chain never has a half-written group.
 *
 * <p>The head is read inside every transaction rather than cached, so any number of writers (several
 * {@link JdbcAuditLog}s, several gateway replicas on one PostgreSQL) extend one linear chain: on PostgreSQL they
 * queue on the head row's lock; on SQLite on the database write lock ({@code BEGIN IMMEDIATE}).
 */
final class AuditGroupWriter {

    private static final String INSERT_EVENT =
            "INSERT INTO audit_events (seq, at, session_id, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, %s, ?, ?)";
    private static final String UPDATE_HEAD = "UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1";
    /** A PostgreSQL writer waiting longer than this for the head lock gives up, and the group is retried. */
    private static final String POSTGRES_LOCK_TIMEOUT = "SET LOCAL lock_timeout = '10s'";

    private final DataSource writer;
    private final Dialect dialect;
    private final boolean durable;
    private final SessionTable sessions;
    private final String insertEvent;

    /**
     * @param durable whether each commit must reach stable storage before it returns, power loss included
     *                (SQLite {@code synchronous=FULL}; PostgreSQL {@code synchronous_commit=on} even where the
     *                server defaults to off)
     */
    AuditGroupWriter(DataSource writer, Dialect dialect, boolean durable) {
        this.writer = writer;
        this.dialect = dialect;
        this.durable = durable;
        this.sessions = new SessionTable(dialect);
        this.insertEvent = INSERT_EVENT.formatted(dialect.jsonParameter());
    }

    /** The chain head after the write. */
    record Head(long seq, String hash) {
    }

    Head write(List<PendingEvent> group) throws SQLException {
        try (Connection connection = writer.getConnection()) {
            if (dialect == Dialect.SQLITE) {
                // A per-connection setting that cannot change inside a transaction: set it before BEGIN.
                try (Statement pragma = connection.createStatement()) {
                    pragma.execute("PRAGMA synchronous = " + (durable ? "FULL" : "NORMAL"));
                }
            }
            connection.setAutoCommit(false);
            try {
                Head head = writeIn(connection, group);
                connection.commit();
                return head;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    private Head writeIn(Connection connection, List<PendingEvent> group) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement settings = connection.createStatement()) {
                settings.execute(POSTGRES_LOCK_TIMEOUT);
                if (durable) {
                    settings.execute("SET LOCAL synchronous_commit = on");
                }
            }
        }
        Head head = readHead(connection);
        long seq = head.seq();
        String prevHash = head.hash();
        List<SessionTable.Applied> applied = new ArrayList<>(group.size());
        try (PreparedStatement insert = connection.prepareStatement(insertEvent)) {
            for (PendingEvent event : group) {
                seq++;
                String hash = AuditChain.hash(prevHash, seq, event.at(), event.type(), event.sessionId(),
                        event.payloadJson());
                insert.setLong(1, seq);
                dialect.setInstant(insert, 2, event.at());
                insert.setString(3, event.sessionId());
                insert.setString(4, event.type());
                insert.setString(5, event.payloadJson());
                insert.setString(6, prevHash);
                insert.setString(7, hash);
                insert.addBatch();
                applied.add(new SessionTable.Applied(seq, event));
                prevHash = hash;
            }
            insert.executeBatch();
        }
        sessions.apply(connection, applied);
        try (PreparedStatement update = connection.prepareStatement(UPDATE_HEAD)) {
            update.setLong(1, seq);
            update.setString(2, prevHash);
            if (update.executeUpdate() != 1) {
                throw new SQLException("the audit_chain_head row is missing");
            }
        }
        return new Head(seq, prevHash);
    }

    private Head readHead(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet row = query.executeQuery(dialect.selectChainHeadForWrite())) {
            if (!row.next()) {
                throw new SQLException("the audit_chain_head row is missing");
            }
            return new Head(row.getLong("seq"), row.getString("hash"));
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
