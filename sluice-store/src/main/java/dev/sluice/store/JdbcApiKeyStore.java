package dev.sluice.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.sluice.core.identity.ApiKeyRecord;
import dev.sluice.core.identity.ApiKeyStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;

/**
 * API keys in the {@code api_keys} table. Only the hash of a key's secret is stored. Times are kept to the
 * microsecond. Writes hold the store's local write lock, taking turns with the audit writers (see
 * {@link StorePools}).
 */
public final class JdbcApiKeyStore implements ApiKeyStore {

    private static final String COLUMNS = "key_id, subject, groups_json, secret_hash, created_at, expires_at, revoked";

    private final DataSource writer;
    private final Lock localWriteLock;
    private final DataSource reader;
    private final Dialect dialect;
    private final UnaryOperator<String> scrub;

    JdbcApiKeyStore(DataSource writer, Lock localWriteLock, DataSource reader, Dialect dialect,
                    UnaryOperator<String> scrub) {
        this.writer = writer;
        this.localWriteLock = localWriteLock;
        this.reader = reader;
        this.dialect = dialect;
        this.scrub = scrub;
    }

    /** Creates the key, or replaces the stored key with the same id. */
    @Override
    public void save(ApiKeyRecord key) {
        Objects.requireNonNull(key, "key");
        String sql = "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (key_id) DO UPDATE SET subject = excluded.subject, groups_json = excluded.groups_json, "
                + "secret_hash = excluded.secret_hash, created_at = excluded.created_at, "
                + "expires_at = excluded.expires_at, revoked = excluded.revoked";
        localWriteLock.lock();
        try (Connection connection = writer.getConnection();
             PreparedStatement upsert = connection.prepareStatement(sql)) {
            upsert.setString(1, key.keyId());
            upsert.setString(2, key.subject());
            upsert.setString(3, groupsJson(key.groups()));
            upsert.setString(4, key.secretHash());
            dialect.setInstant(upsert, 5, key.createdAt());
            dialect.setInstant(upsert, 6, key.expiresAt().orElse(null));
            upsert.setBoolean(7, key.revoked());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("save API key " + key.keyId(), e);
        } finally {
            localWriteLock.unlock();
        }
    }

    @Override
    public Optional<ApiKeyRecord> find(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        try (Connection connection = reader.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM api_keys WHERE key_id = ?")) {
            query.setString(1, keyId);
            return read(query).stream().findFirst();
        } catch (SQLException e) {
            throw failure("read an API key", e);
        }
    }

    /** Every key, oldest first. */
    @Override
    public List<ApiKeyRecord> list() {
        try (Connection connection = reader.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, key_id")) {
            return read(query);
        } catch (SQLException e) {
            throw failure("list API keys", e);
        }
    }

    @Override
    public boolean revoke(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        localWriteLock.lock();
        try (Connection connection = writer.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE api_keys SET revoked = ? WHERE key_id = ?")) {
            update.setBoolean(1, true);
            update.setString(2, keyId);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("revoke an API key", e);
        } finally {
            localWriteLock.unlock();
        }
    }

    private List<ApiKeyRecord> read(PreparedStatement query) throws SQLException {
        List<ApiKeyRecord> keys = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                keys.add(new ApiKeyRecord(row.getString("key_id"), row.getString("subject"),
                        groups(row.getString("groups_json")), row.getString("secret_hash"),
                        dialect.getInstant(row, "created_at"),
                        Optional.ofNullable(dialect.getInstant(row, "expires_at")), row.getBoolean("revoked")));
            }
        }
        return keys;
    }

    private static String groupsJson(Set<String> groups) {
        try {
            return AuditEventJson.mapper().writeValueAsString(new TreeSet<>(groups));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a set of strings always serialises", e);
        }
    }

    private static Set<String> groups(String json) {
        try {
            return Set.copyOf(AuditEventJson.mapper().readValue(json, new TypeReference<List<String>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new StoreException("an API key's groups are not a JSON array of strings", null);
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("could not " + what + ": " + scrub.apply(e.getMessage()), e);
    }
}
