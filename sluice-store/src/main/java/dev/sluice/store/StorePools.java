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
import java.sql.Connection;
import java.util.Properties;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of one store: a pool for writing, one for reading, and an opener for the audit writers' own
 * connections.
 *
 * <h2>SQLite</h2>
 * SQLite lets one connection write at a time, whatever the number of connections. Connections that compete for
 * the file lock queue in its busy handler, and a deferred transaction that wants to upgrade from reading to
 * writing fails with {@code SQLITE_BUSY} instead of waiting. So:
 * <ul>
 *   <li>the writer pool holds exactly <b>one</b> connection (the API key store and migrations use it); every write
 *       transaction starts with {@code BEGIN IMMEDIATE}, taking the write lock up front;</li>
 *   <li>{@code journal_mode=WAL}: readers see a consistent snapshot and never block the writer, nor it them, so
 *       {@code sluice audit verify} can walk a large chain while the gateway keeps writing;</li>
 *   <li>{@code synchronous=NORMAL}: in WAL mode a commit never corrupts the database and survives a process
 *       crash; only a power loss or OS crash can undo the last commits. An audit log that must survive that too
 *       asks for {@code FULL} per commit (see {@link Store#auditLog(boolean)});</li>
 *   <li>{@code busy_timeout=5s}: another process (the CLI, a backup) holding the lock briefly makes a write wait
 *       rather than fail;</li>
 *   <li>a separate read-only pool of a few connections serves verification, listings and look-ups.</li>
 * </ul>
 * Each audit writer keeps a connection of its own (see {@link AuditWriterConnection}), opened with the writer
 * pool's settings. So that in-process writers still take turns in Java, in order, rather than in SQLite's busy
 * handler (which sleeps and polls, and can starve one writer for the whole busy timeout while another writes
 * without pause), every write transaction in the process holds {@link #localWriteLock()}: the audit writers and
 * the API key store. Other processes (the CLI, a backup) still meet the file lock and the busy timeout.
 *
 * <h2>PostgreSQL</h2>
 * One pool of a few connections serves both; each audit writer opens one more connection of its own. Many
 * gateway replicas may share the database (the audit chain serialises its writers with a row lock, see
 * {@link AuditGroupWriter}); the local write lock only orders this process's writers, which would queue on that
 * row lock anyway.
 *
 * @param auditWriterConnections opens a connection with the writer pool's settings, outside the pool
 * @param localWriteLock         held by this process's writers for the length of each write transaction
 */
record StorePools(DataSource writer, DataSource reader, ConnectionOpener auditWriterConnections,
                  Lock localWriteLock, AutoCloseable closer) implements AutoCloseable {

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
        SQLiteDataSource writingSource = sqliteSource(url, writing);
        HikariDataSource writer = pool("sluice-store-writer", writingSource, false, 1,
                // the one connection is shared; a waiting write may sit behind a busy-timeout wait
                2 * SQLITE_BUSY_TIMEOUT_MILLIS);
        try {
            SQLiteConfig reading = new SQLiteConfig();
            reading.setReadOnly(true);
            reading.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
            HikariDataSource reader = pool("sluice-store-reader", sqliteSource(url, reading), true, SQLITE_READERS,
                    CONNECTION_TIMEOUT_MILLIS);
            // Fair: a writer that has waited longest goes next, so no writer starves while others keep writing.
            return new StorePools(writer, reader, writingSource::getConnection, new ReentrantLock(true), () -> {
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
        Properties defaults = postgresDefaults();
        config.setDataSourceProperties(defaults);
        HikariDataSource pool = new HikariDataSource(config);
        // The same settings as the pool's: the driver reads the user, the password and the defaults from the
        // properties, and the operator's URL parameters win over them, as they do for the pool.
        Properties unpooled = new Properties();
        unpooled.putAll(defaults);
        if (!url.user().isEmpty()) {
            unpooled.setProperty("user", url.user());
        }
        if (!url.password().isEmpty()) {
            unpooled.setProperty("password", url.password().reveal());
        }
        org.postgresql.Driver driver = new org.postgresql.Driver();
        ConnectionOpener opener = () -> {
            Connection connection = driver.connect(url.jdbcUrl(), unpooled);
            if (connection == null) {
                throw new java.sql.SQLException("the PostgreSQL driver does not accept the store URL");
            }
            return connection;
        };
        return new StorePools(pool, pool, opener, new ReentrantLock(true), pool);
    }

    /** Connection properties the store sets; parameters in the operator's URL win over these. */
    private static Properties postgresDefaults() {
        Properties defaults = new Properties();
        defaults.setProperty("ApplicationName", "sluice");
        // A server error's DETAIL can echo the values of a failed row; keep it out of exception messages.
        defaults.setProperty("logServerErrorDetail", "false");
        defaults.setProperty("reWriteBatchedInserts", "true");
        defaults.setProperty("tcpKeepAlive", "true");
        defaults.setProperty("connectTimeout", "5");
        // A write stuck on a dead network fails instead of holding the audit writer forever.
        defaults.setProperty("socketTimeout", "60");
        return defaults;
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
