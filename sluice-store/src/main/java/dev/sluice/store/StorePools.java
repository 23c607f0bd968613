package dev.sluice.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connection pools of one store: one for writing, one for reading.
 *
 * <h2>SQLite</h2>
 * SQLite lets one connection write at a time, whatever the number of connections. Several writer connections
 * would only move the queueing from the pool into the file lock, where a deferred transaction that wants to
 * upgrade from reading to writing fails with {@code SQLITE_BUSY} instead of waiting. So:
 * <ul>
 *   <li>the writer pool holds exactly <b>one</b> connection; in-process writers (the audit group writer, the API
 *       key store) take turns for it, and every write transaction starts with {@code BEGIN IMMEDIATE}, taking the
 *       write lock up front;</li>
 *   <li>{@code journal_mode=WAL}: readers see a consistent snapshot and never block the writer, nor it them, so
 *       {@code sluice audit verify} can walk a large chain while the gateway keeps writing;</li>
 *   <li>{@code synchronous=NORMAL}: in WAL mode a commit never corrupts the database and survives a process
 *       crash; only a power loss or OS crash can undo the last commits. An audit log that must survive that too
 *       asks for {@code FULL} per commit (see {@link Store#auditLog(boolean)});</li>
 *   <li>{@code busy_timeout=5s}: another process (the CLI, a backup) holding the lock briefly makes a write wait
 *       rather than fail;</li>
 *   <li>a separate read-only pool of a few connections serves verification, listings and look-ups.</li>
 * </ul>
 *
 * <h2>PostgreSQL</h2>
 * One pool of a few connections serves both; many gateway replicas may share the database (the audit chain
 * serialises its writers with a row lock, see {@link AuditGroupWriter}).
 */
record StorePools(DataSource writer, DataSource reader, AutoCloseable closer) implements AutoCloseable {

    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 5_000;
    private static final int SQLITE_READERS = 4;
    private static final int POSTGRES_CONNECTIONS = 4;
    private static final long CONNECTION_TIMEOUT_MILLIS = 5_000;

    static StorePools sqlite(StoreUrl.Sqlite url) {
        createParentDirectory(url.file());
        SQLiteConfig writing = new SQLiteConfig();
        writing.setJournalMode(SQLiteConfig.JournalMode.WAL);
        writing.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        writing.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        writing.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        writing.enforceForeignKeys(true);
        HikariDataSource writer = pool("sluice-store-writer", sqliteSource(url, writing), false, 1,
                // the one connection is shared; a waiting write may sit behind a busy-timeout wait
                2 * SQLITE_BUSY_TIMEOUT_MILLIS);
        try {
            SQLiteConfig reading = new SQLiteConfig();
            reading.setReadOnly(true);
            reading.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
            HikariDataSource reader = pool("sluice-store-reader", sqliteSource(url, reading), true, SQLITE_READERS,
                    CONNECTION_TIMEOUT_MILLIS);
            return new StorePools(writer, reader, () -> {
                try (writer; reader) {
                    // close both, the reader first
                }
            });
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    static StorePools postgres(StoreUrl.Postgres url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sluice-store");
        config.setJdbcUrl(url.jdbcUrl());
        if (!url.user().isEmpty()) {
            config.setUsername(url.user());
        }
        if (!url.password().isEmpty()) {
            config.setPassword(url.password().reveal());
        }
        config.setMaximumPoolSize(POSTGRES_CONNECTIONS);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        // Defaults; parameters in the operator's URL win over these.
        config.addDataSourceProperty("ApplicationName", "sluice");
        // A server error's DETAIL can echo the values of a failed row; keep it out of exception messages.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("connectTimeout", "5");
        // A write stuck on a dead network fails instead of holding the audit writer forever.
        config.addDataSourceProperty("socketTimeout", "60");
        HikariDataSource pool = new HikariDataSource(config);
        return new StorePools(pool, pool, pool);
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }

    private static SQLiteDataSource sqliteSource(StoreUrl.Sqlite url, SQLiteConfig config) {
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url.jdbcUrl());
        return source;
    }

    private static HikariDataSource pool(String name, SQLiteDataSource source, boolean readOnly, int size,
                                         long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        // The pool sets the flag on every connection; sqlite-jdbc accepts only the value it was opened with.
        config.setReadOnly(readOnly);
        config.setPoolName(name);
        config.setDataSource(source);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(connectionTimeoutMillis);
        return new HikariDataSource(config);
    }

    private static void createParentDirectory(Path file) {
        Path parent = file.getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the SQLite store " + parent, e);
        }
    }
}
