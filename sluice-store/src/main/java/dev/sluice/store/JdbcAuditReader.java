package dev.sluice.store;

import dev.sluice.core.audit.AuditChain;
import dev.sluice.core.audit.AuditReader;
import dev.sluice.core.audit.ChainVerification;
import dev.sluice.core.audit.SessionSummary;
import dev.sluice.core.audit.StoredAuditEvent;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Reads the audit tables through the store's read connections. Verification streams the chain in seq order
 * inside one read-only transaction (a consistent snapshot, so a gateway writing meanwhile does not confuse it),
 * holding one event in memory at a time.
 */
public final class JdbcAuditReader implements AuditReader {

    private static final String EVENT_COLUMNS = "seq, at, session_id, type, payload, prev_hash, hash";
    private static final int FETCH_SIZE = 1_000;

    private final DataSource reader;
    private final Dialect dialect;
    private final SessionTable sessions;
    private final UnaryOperator<String> scrub;

    JdbcAuditReader(DataSource reader, Dialect dialect, UnaryOperator<String> scrub) {
        this.reader = reader;
        this.dialect = dialect;
        this.sessions = new SessionTable(dialect);
        this.scrub = scrub;
    }

    @Override
    public ChainVerification verify() {
        try (Connection connection = reader.getConnection()) {
            if (dialect == Dialect.POSTGRESQL) {
                // One snapshot for the head and every event; read committed would give each query its own.
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try {
                return verifyIn(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw failure("verify the audit chain", e);
        }
    }

    private ChainVerification verifyIn(Connection connection) throws SQLException {
        long headSeq;
        String headHash;
        try (Statement query = connection.createStatement();
             ResultSet head = query.executeQuery("SELECT seq, hash FROM audit_chain_head WHERE id = 1")) {
            if (!head.next()) {
                return ChainVerification.broken(0, 1, "the chain head record is missing");
            }
            headSeq = head.getLong("seq");
            headHash = head.getString("hash");
        }
        AuditChain.Verifier verifier = new AuditChain.Verifier();
        try (Statement query = connection.createStatement()) {
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet row = query.executeQuery("SELECT " + EVENT_COLUMNS + " FROM audit_events ORDER BY seq")) {
                while (row.next()) {
                    boolean intactSoFar;
                    try {
                        intactSoFar = verifier.accept(event(row));
                    } catch (DateTimeParseException e) {
                        intactSoFar = verifier.unreadable(row.getLong("seq"), "time");
                    }
                    if (!intactSoFar) {
                        break;
                    }
                }
            }
        }
        return verifier.finish(headSeq, headHash);
    }

    @Override
    public List<SessionSummary> sessions(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        try (Connection connection = reader.getConnection()) {
            return sessions.newest(connection, limit);
        } catch (SQLException e) {
            throw failure("list sessions", e);
        }
    }

    @Override
    public Optional<SessionSummary> session(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        try (Connection connection = reader.getConnection()) {
            return sessions.find(connection, sessionId);
        } catch (SQLException e) {
            throw failure("read a session", e);
        }
    }

    @Override
    public List<StoredAuditEvent> events(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        try (Connection connection = reader.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + EVENT_COLUMNS + " FROM audit_events WHERE session_id = ? ORDER BY seq")) {
            query.setString(1, sessionId);
            List<StoredAuditEvent> events = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(event(row));
                }
            }
            return events;
        } catch (SQLException e) {
            throw failure("read a session's events", e);
        }
    }

    private StoredAuditEvent event(ResultSet row) throws SQLException {
        Instant at = dialect.getInstant(row, "at");
        return new StoredAuditEvent(row.getLong("seq"), at, row.getString("session_id"), row.getString("type"),
                row.getString("payload"), row.getString("prev_hash"), row.getString("hash"));
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("could not " + what + ": " + scrub.apply(e.getMessage()), e);
    }
}
