package dev.sluice.store;

import dev.sluice.core.audit.SessionSummary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sessions} summary table: one row per session, kept up to date from its events inside the same
 * transaction that appends them, so the summary and the chain never disagree.
 *
 * <p>Why a table rather than a query over {@code audit_events}: listing sessions newest-first is what the console
 * and CLI do all the time, and the event table only grows; a query would scan and group every event and read
 * fields out of JSON differently per dialect. Keeping the row costs one upsert per session per group, plus one per
 * start, refusal and end. The table is
 * derived data, outside the hash chain; the events remain the record.
 *
 * <p>A group's effects are applied kind by kind (starts, refusals, renames, command counts, ends), each kind as one
 * batch. That gives the same row as applying the events in order: a session's start or refusal comes before its
 * renames and its end; renames keep their order within their batch; command counts add up in any order (settings
 * judged at startup even precede the start, possibly in an earlier group, and a start or refusal writes the
 * who-and-where columns whenever it arrives).
 */
final class SessionTable {

    private static final String COLUMNS = "session_id, protocol, connection_name, subject, client_address, "
            + "application_name, started_at, ended_at, end_reason, commands, refused, first_seq";

    private static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (session_id) DO UPDATE SET ";

    private static final String ON_START = INSERT + "protocol = excluded.protocol, "
            + "connection_name = excluded.connection_name, subject = excluded.subject, "
            + "client_address = excluded.client_address, application_name = excluded.application_name, "
            + "started_at = excluded.started_at";

    /** Sets who and where too: a refused session's startup settings may have been judged (and counted) first. */
    private static final String ON_REFUSAL = INSERT + "protocol = excluded.protocol, "
            + "connection_name = excluded.connection_name, subject = excluded.subject, "
            + "client_address = excluded.client_address, refused = excluded.refused, ended_at = excluded.ended_at, "
            + "end_reason = excluded.end_reason";

    private static final String ON_RENAME = INSERT + "application_name = excluded.application_name";

    private static final String ON_COMMANDS = INSERT + "commands = sessions.commands + excluded.commands";

    private static final String ON_END = INSERT + "ended_at = excluded.ended_at, end_reason = excluded.end_reason, "
            + "commands = CASE WHEN excluded.commands > sessions.commands THEN excluded.commands "
            + "ELSE sessions.commands END";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM sessions";

    private final Dialect dialect;

    SessionTable(Dialect dialect) {
        this.dialect = dialect;
    }

    /** One event of a group, with the seq it was given. */
    record Applied(long seq, PendingEvent event) {
    }

    /**
     * The five upserts a group may need, prepared once on the audit writer's connection and reused for every
     * group (preparing them per group was a tenth of the gateway's CPU).
     */
    record Upserts(PreparedStatement starts, PreparedStatement refusals, PreparedStatement renames,
                   PreparedStatement commands, PreparedStatement ends) {

        static Upserts prepare(Connection connection) throws SQLException {
            return new Upserts(connection.prepareStatement(ON_START), connection.prepareStatement(ON_REFUSAL),
                    connection.prepareStatement(ON_RENAME), connection.prepareStatement(ON_COMMANDS),
                    connection.prepareStatement(ON_END));
        }
    }

    /**
     * Applies a group's effects. Commands are counted in Java first, so a session gets one upsert per group
     * however many commands it ran in it.
     */
    void apply(Upserts upserts, List<Applied> group) throws SQLException {
        Map<String, CommandCount> counts = new LinkedHashMap<>();
        boolean anyStart = false;
        boolean anyRefusal = false;
        boolean anyRename = false;
        boolean anyEnd = false;
        for (Applied applied : group) {
            PendingEvent e = applied.event();
            switch (e.effect()) {
                case SessionEffect.Start s -> {
                    bind(upserts.starts(), e.sessionId(), s.protocol(), s.connection(), s.subject(),
                            s.clientAddress(), s.applicationName(), e.at(), null, "", 0, false, applied.seq());
                    upserts.starts().addBatch();
                    anyStart = true;
                }
                case SessionEffect.Refusal r -> {
                    bind(upserts.refusals(), e.sessionId(), r.protocol(), r.connection(), r.subject(),
                            r.clientAddress(), "", e.at(), e.at(), r.code(), 0, true, applied.seq());
                    upserts.refusals().addBatch();
                    anyRefusal = true;
                }
                case SessionEffect.Renamed r -> {
                    bind(upserts.renames(), e.sessionId(), "", "", "", "", r.applicationName(), e.at(), null, "", 0,
                            false, applied.seq());
                    upserts.renames().addBatch();
                    anyRename = true;
                }
                case SessionEffect.Command c -> counts.computeIfAbsent(e.sessionId(),
                        id -> new CommandCount(e.at(), applied.seq())).count++;
                case SessionEffect.End end -> {
                    bind(upserts.ends(), e.sessionId(), "", "", "", "", "", e.at(), e.at(), end.reason(),
                            end.commands(), false, applied.seq());
                    upserts.ends().addBatch();
                    anyEnd = true;
                }
                case SessionEffect.None n -> {
                }
            }
        }
        for (Map.Entry<String, CommandCount> entry : counts.entrySet()) {
            CommandCount c = entry.getValue();
            bind(upserts.commands(), entry.getKey(), "", "", "", "", "", c.firstAt, null, "", c.count, false,
                    c.firstSeq);
            upserts.commands().addBatch();
        }
        if (anyStart) {
            upserts.starts().executeBatch();
        }
        if (anyRefusal) {
            upserts.refusals().executeBatch();
        }
        if (anyRename) {
            upserts.renames().executeBatch(); // after the starts: a rename replaces the name given at startup
        }
        if (!counts.isEmpty()) {
            upserts.commands().executeBatch();
        }
        if (anyEnd) {
            upserts.ends().executeBatch();
        }
    }

    List<SessionSummary> newest(Connection connection, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                SELECT + " ORDER BY started_at DESC, first_seq DESC LIMIT ?")) {
            query.setInt(1, limit);
            return read(query);
        }
    }

    Optional<SessionSummary> find(Connection connection, String sessionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SELECT + " WHERE session_id = ?")) {
            query.setString(1, sessionId);
            return read(query).stream().findFirst();
        }
    }

    private List<SessionSummary> read(PreparedStatement query) throws SQLException {
        List<SessionSummary> sessions = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                sessions.add(new SessionSummary(row.getString("session_id"), row.getString("protocol"),
                        row.getString("connection_name"), row.getString("subject"), row.getString("client_address"),
                        row.getString("application_name"), dialect.getInstant(row, "started_at"),
                        Optional.ofNullable(dialect.getInstant(row, "ended_at")), row.getString("end_reason"),
                        row.getLong("commands"), row.getBoolean("refused")));
            }
        }
        return sessions;
    }

    private void bind(PreparedStatement statement, String sessionId, String protocol, String connectionName,
                      String subject, String clientAddress, String applicationName, Instant startedAt,
                      Instant endedAt, String endReason, long commands, boolean refused, long firstSeq)
            throws SQLException {
        statement.setString(1, sessionId);
        statement.setString(2, nullToEmpty(protocol));
        statement.setString(3, nullToEmpty(connectionName));
        statement.setString(4, nullToEmpty(subject));
        statement.setString(5, nullToEmpty(clientAddress));
        statement.setString(6, nullToEmpty(applicationName));
        dialect.setInstant(statement, 7, startedAt);
        dialect.setInstant(statement, 8, endedAt);
        statement.setString(9, nullToEmpty(endReason));
        statement.setLong(10, commands);
        statement.setBoolean(11, refused);
        statement.setLong(12, firstSeq);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static final class CommandCount {
        final Instant firstAt;
        final long firstSeq;
        long count;

        CommandCount(Instant firstAt, long firstSeq) {
            this.firstAt = firstAt;
            this.firstSeq = firstSeq;
        }
    }
}
