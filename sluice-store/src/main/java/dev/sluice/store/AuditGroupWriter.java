package dev.sluice.store;

import dev.sluice.core.audit.AuditChain;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Writes one group of events in one transaction: reads (and on PostgreSQL locks) the chain head, numbers and
 * chains the events from it, inserts them as a batch, updates the session summaries and moves the head. Either
 * all of it commits or none of it does, so the chain never has a half-written group.
 *
 * <p>The head is read inside every transaction rather than cached, so any number of writers (several
 * {@link JdbcAuditLog}s, several gateway replicas on one PostgreSQL) extend one linear chain: on PostgreSQL they
 * queue on the head row's lock; on SQLite on the database write lock ({@code BEGIN IMMEDIATE}). Writers of one
 * process also take turns on the store's local write lock (see {@link StorePools}).
 *
 * <p>Used by one thread only (the log's writer). It keeps one {@link AuditWriterConnection} across groups and
 * replaces it after a failed group: the next group starts on a fresh connection with fresh statements.
 */
final class AuditGroupWriter implements AutoCloseable {

    private final ConnectionOpener opener;
    private final Lock localWriteLock;
    private final Dialect dialect;
    private final boolean durable;
    private final Duration idleCheckAfter;
    private final SessionTable sessions;
    private AuditWriterConnection connection;

    /**
     * @param opener         opens the writer's own connection (outside the pools)
     * @param localWriteLock held for each transaction, shared with the process's other writers
     * @param durable        whether each commit must reach stable storage before it returns, power loss included
     *                       (SQLite {@code synchronous=FULL}; PostgreSQL {@code synchronous_commit=on} even where
     *                       the server defaults to off)
     * @param idleCheckAfter how long the kept connection may sit unused before it is checked ahead of the next
     *                       group (normally {@link AuditWriterConnection#IDLE_CHECK_AFTER})
     */
    AuditGroupWriter(ConnectionOpener opener, Lock localWriteLock, Dialect dialect, boolean durable,
                     Duration idleCheckAfter) {
        this.opener = opener;
        this.localWriteLock = localWriteLock;
        this.dialect = dialect;
        this.durable = durable;
        this.idleCheckAfter = idleCheckAfter;
        this.sessions = new SessionTable(dialect);
    }

    /** The chain head after the write. */
    record Head(long seq, String hash) {
    }

    Head write(List<PendingEvent> group) throws SQLException {
        localWriteLock.lock();
        try {
            AuditWriterConnection writing = connection();
            try {
                writing.begin();
                Head head = writeIn(writing, group);
                writing.commit();
                return head;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(writing, e);
                discardConnection(e);
                throw e;
            }
        } finally {
            localWriteLock.unlock();
        }
    }

    /** Closes the connection; the writer calls this once it has written its last group. */
    @Override
    public void close() {
        discardConnection(null);
    }

    /** The kept connection, or a new one when there is none or it went stale while idle. */
    private AuditWriterConnection connection() throws SQLException {
        if (connection != null && !connection.stillUsable()) {
            discardConnection(null);
        }
        if (connection == null) {
            connection = AuditWriterConnection.open(opener, dialect, durable, idleCheckAfter);
        }
        return connection;
    }

    private Head writeIn(AuditWriterConnection writing, List<PendingEvent> group) throws SQLException {
        Head head = readHead(writing.readHead());
        long seq = head.seq();
        String prevHash = head.hash();
        List<SessionTable.Applied> applied = new ArrayList<>(group.size());
        PreparedStatement insert = writing.insertEvent();
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
        sessions.apply(writing.sessionUpserts(), applied);
        PreparedStatement update = writing.updateHead();
        update.setLong(1, seq);
        update.setString(2, prevHash);
        if (update.executeUpdate() != 1) {
            throw new SQLException("the audit_chain_head row is missing");
        }
        return new Head(seq, prevHash);
    }

    private static Head readHead(PreparedStatement query) throws SQLException {
        try (ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the audit_chain_head row is missing");
            }
            return new Head(row.getLong("seq"), row.getString("hash"));
        }
    }

    private static void rollbackQuietly(AuditWriterConnection writing, Exception cause) {
        try {
            writing.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** Closes the connection, if any; a close failure is added to {@code cause} when there is one. */
    private void discardConnection(Exception cause) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            if (cause != null) {
                cause.addSuppressed(closeFailure);
            }
        } finally {
            connection = null;
        }
    }
}
