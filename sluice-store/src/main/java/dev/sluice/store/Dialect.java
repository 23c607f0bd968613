package dev.sluice.store;

import dev.sluice.core.audit.AuditChain;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What differs between the two SQL engines the store runs on. Everything else (tables, upserts with
 * {@code ON CONFLICT}, queries) is written once in SQL both understand.
 */
enum Dialect {

    /** Times are stored as fixed-width canonical UTC text, which sorts chronologically. */
    SQLITE,
    /** Times are {@code timestamptz} (microsecond precision); JSON payloads are {@code json} (kept verbatim). */
    POSTGRESQL;

    /** Flyway location of this dialect's migrations. */
    String migrations() {
        return switch (this) {
            case SQLITE -> "classpath:db/migration/sqlite";
            case POSTGRESQL -> "classpath:db/migration/postgresql";
        };
    }

    /**
     * The placeholder for a JSON text parameter. PostgreSQL's {@code json} type keeps the text exactly as given,
     * byte for byte, which the hash chain needs ({@code jsonb} would not).
     */
    String jsonParameter() {
        return switch (this) {
            case SQLITE -> "?";
            case POSTGRESQL -> "CAST(? AS json)";
        };
    }

    /**
     * Reads the chain head inside the writing transaction. On PostgreSQL the row lock serialises every writer
     * of every replica until commit; on SQLite the transaction already holds the database's write lock
     * ({@code BEGIN IMMEDIATE}).
     */
    String selectChainHeadForWrite() {
        return switch (this) {
            case SQLITE -> "SELECT seq, hash FROM audit_chain_head WHERE id = 1";
            case POSTGRESQL -> "SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE";
        };
    }

    /**
     * What a {@code SELECT} appends to lock the rows it reads until the transaction ends. PostgreSQL locks the rows
     * ({@code FOR UPDATE}), so writers of every replica queue on them; SQLite has no row locks and needs none: a
     * write transaction holds the whole database ({@code BEGIN IMMEDIATE}).
     */
    String forUpdate() {
        return switch (this) {
            case SQLITE -> "";
            case POSTGRESQL -> " FOR UPDATE";
        };
    }

    /** Binds a time, truncated to microseconds as the chain stores it. */
    void setInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, switch (this) {
                case SQLITE -> Types.VARCHAR;
                case POSTGRESQL -> Types.TIMESTAMP_WITH_TIMEZONE;
            });
            return;
        }
        switch (this) {
            case SQLITE -> statement.setString(index, AuditChain.canonicalTime(at));
            case POSTGRESQL -> statement.setObject(index, OffsetDateTime.ofInstant(AuditChain.storedTime(at),
                    ZoneOffset.UTC));
        }
    }

    /** Reads a time; null when the column is null. */
    Instant getInstant(ResultSet row, String column) throws SQLException {
        return switch (this) {
            case SQLITE -> {
                String text = row.getString(column);
                yield text == null ? null : AuditChain.parseCanonicalTime(text);
            }
            case POSTGRESQL -> {
                OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
                yield time == null ? null : time.toInstant();
            }
        };
    }
}
