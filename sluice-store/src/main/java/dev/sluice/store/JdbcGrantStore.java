package dev.sluice.store;

import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.GrantStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Access grants in the {@code access_grants} table. Grants of approved access requests are inserted by
 * {@link JdbcApprovalStore} in the approving vote's transaction, through {@link #insert}. Times are kept to the
 * microsecond.
 */
final class JdbcGrantStore implements GrantStore {

    private static final String COLUMNS = "id, approval_id, subject, connection_name, reason, starts_at, ends_at, "
            + "revoked_at, revoked_by";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM access_grants";
    /** Not revoked, started, not ended: the two parameters are the same instant. */
    private static final String ACTIVE_AT = "revoked_at IS NULL AND starts_at <= ? AND ends_at > ?";

    private final WriteTransactions writes;
    private final DataSource reader;
    private final Dialect dialect;

    JdbcGrantStore(WriteTransactions writes, DataSource reader, Dialect dialect) {
        this.writes = writes;
        this.reader = reader;
        this.dialect = dialect;
    }

    @Override
    public void create(AccessGrant grant) {
        Objects.requireNonNull(grant, "grant");
        writes.run("store access grant " + grant.id(), connection -> {
            insert(connection, dialect, grant);
            return null;
        });
    }

    /** Inserts a grant on the caller's connection, inside the caller's transaction. */
    static void insert(Connection connection, Dialect dialect, AccessGrant grant) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO access_grants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, grant.id());
            insert.setString(2, grant.approvalId());
            insert.setString(3, grant.subject());
            insert.setString(4, grant.connection());
            insert.setString(5, grant.reason());
            dialect.setInstant(insert, 6, grant.startsAt());
            dialect.setInstant(insert, 7, grant.endsAt());
            dialect.setInstant(insert, 8, grant.revokedAt().orElse(null));
            insert.setString(9, grant.revokedBy());
            insert.executeUpdate();
        }
    }

    @Override
    public Optional<AccessGrant> find(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection connection = reader.getConnection();
             PreparedStatement query = connection.prepareStatement(SELECT + " WHERE id = ?")) {
            query.setString(1, id);
            return read(query).stream().findFirst();
        } catch (SQLException e) {
            throw writes.failure("read access grant " + id, e);
        }
    }

    @Override
    public Optional<AccessGrant> active(String subject, String connectionName, Instant now) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(connectionName, "connectionName");
        Objects.requireNonNull(now, "now");
        try (Connection connection = reader.getConnection();
             PreparedStatement query = connection.prepareStatement(SELECT
                     + " WHERE subject = ? AND connection_name = ? AND " + ACTIVE_AT
                     + " ORDER BY ends_at DESC, id LIMIT 1")) {
            query.setString(1, subject);
            query.setString(2, connectionName);
            dialect.setInstant(query, 3, now);
            dialect.setInstant(query, 4, now);
            return read(query).stream().findFirst();
        } catch (SQLException e) {
            throw writes.failure("read access grants", e);
        }
    }

    @Override
    public List<AccessGrant> list(Optional<String> subject, Optional<Instant> activeAt, int limit) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(activeAt, "activeAt");
        List<String> conditions = new ArrayList<>();
        subject.ifPresent(s -> conditions.add("subject = ?"));
        activeAt.ifPresent(t -> conditions.add(ACTIVE_AT));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        try (Connection connection = reader.getConnection();
             PreparedStatement query = connection.prepareStatement(SELECT + where
                     + " ORDER BY starts_at DESC, id DESC LIMIT ?")) {
            int index = 1;
            if (subject.isPresent()) {
                query.setString(index++, subject.get());
            }
            if (activeAt.isPresent()) {
                dialect.setInstant(query, index++, activeAt.get());
                dialect.setInstant(query, index++, activeAt.get());
            }
            query.setInt(index, limit);
            return read(query);
        } catch (SQLException e) {
            throw writes.failure("list access grants", e);
        }
    }

    @Override
    public Optional<AccessGrant> revoke(String id, String by, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        return writes.run("revoke access grant " + id, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE access_grants "
                    + "SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL AND ends_at > ?")) {
                dialect.setInstant(update, 1, at);
                update.setString(2, by);
                update.setString(3, id);
                dialect.setInstant(update, 4, at);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement query = connection.prepareStatement(SELECT + " WHERE id = ?")) {
                query.setString(1, id);
                return read(query).stream().findFirst();
            }
        });
    }

    private List<AccessGrant> read(PreparedStatement query) throws SQLException {
        List<AccessGrant> grants = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                grants.add(new AccessGrant(row.getString("id"), row.getString("approval_id"),
                        row.getString("subject"), row.getString("connection_name"), row.getString("reason"),
                        dialect.getInstant(row, "starts_at"), dialect.getInstant(row, "ends_at"),
                        Optional.ofNullable(dialect.getInstant(row, "revoked_at")), row.getString("revoked_by")));
            }
        }
        return grants;
    }
}
