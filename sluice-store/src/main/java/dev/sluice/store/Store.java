package dev.sluice.store;

import dev.sluice.core.approval.ApprovalStore;
import dev.sluice.core.approval.GrantStore;
import dev.sluice.core.audit.AuditReader;
import dev.sluice.core.identity.ApiKeyStore;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sluice's database: the audit log, session summaries, API keys, approval requests and access grants, on SQLite
 * (the embedded default, one file under the data directory) or PostgreSQL (production; any number of gateway
 * replicas may share it).
 *
 * <p>Opening migrates the schema (Flyway, {@code db/migration/sqlite} or {@code db/migration/postgresql}).
 * Closing flushes and stops every audit log the store handed out, then closes the connections.
 *
 * <p>The URL's password is never shown: {@link #toString()} and every exception message give the URL with the
 * password replaced by {@code ***}.
 */
public final class Store implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Store.class);

    private final StoreUrl url;
    private final Dialect dialect;
    private final StorePools pools;
    private final JdbcAuditReader auditReader;
    private final JdbcApiKeyStore apiKeys;
    private final JdbcApprovalStore approvals;
    private final JdbcGrantStore grants;
    private final List<JdbcAuditLog> auditLogs = new ArrayList<>();
    private boolean closed;

    private Store(StoreUrl url, Dialect dialect, StorePools pools) {
        this.url = url;
        this.dialect = dialect;
        this.pools = pools;
        this.auditReader = new JdbcAuditReader(pools.reader(), dialect, url::scrub);
        this.apiKeys = new JdbcApiKeyStore(pools.writer(), pools.localWriteLock(), pools.reader(), dialect,
                url::scrub);
        WriteTransactions writes = new WriteTransactions(pools.writer(), pools.localWriteLock(), dialect, url::scrub);
        this.approvals = new JdbcApprovalStore(writes, pools.reader(), dialect);
        this.grants = new JdbcGrantStore(writes, pools.reader(), dialect);
    }

    /** The embedded default: {@code sqlite:<dataDir>/sluice.db}. */
    public static String defaultUrl(Path dataDir) {
        return "sqlite:" + dataDir.resolve("sluice.db").toAbsolutePath().normalize();
    }

    /**
     * Opens (creating an SQLite file and its directory if missing) and migrates the store.
     *
     * @param url {@code sqlite:/path/to/sluice.db}, or {@code postgresql://user:password@host:port/database?params}
     *            (also {@code postgres://…} and {@code jdbc:postgresql://…})
     * @throws IllegalArgumentException when the URL is not one of those forms
     * @throws StoreException           when the database cannot be reached or migrated
     */
    public static Store open(String url) {
        StoreUrl parsed = StoreUrl.parse(url);
        Dialect dialect = switch (parsed) {
            case StoreUrl.Sqlite s -> Dialect.SQLITE;
            case StoreUrl.Postgres p -> Dialect.POSTGRESQL;
        };
        StorePools pools;
        try {
            pools = switch (parsed) {
                case StoreUrl.Sqlite s -> StorePools.sqlite(s);
                case StoreUrl.Postgres p -> StorePools.postgres(p);
            };
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the store " + parsed.redacted() + ": "
                    + parsed.scrub(String.valueOf(e.getMessage())), e);
        }
        try {
            Flyway.configure()
                    .dataSource(pools.writer())
                    .locations(dialect.migrations())
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            closeQuietly(pools);
            throw new StoreException("cannot migrate the store " + parsed.redacted() + ": "
                    + parsed.scrub(String.valueOf(e.getMessage())), e);
        }
        log.info("store open: {}", parsed.redacted());
        return new Store(parsed, dialect, pools);
    }

    /**
     * Starts an audit log writing to this store, with default queue and retry settings. The app creates one and
     * hands it to the gate and the recorder; the store closes it.
     *
     * @param durable pass {@code audit.fail_closed}: when true, each group commit reaches stable storage before
     *                {@code append} returns, power loss included (SQLite {@code synchronous=FULL}, PostgreSQL
     *                {@code synchronous_commit=on}); when false, commits survive a crash of the gateway but the last
     *                moments may be lost on power loss (SQLite WAL {@code synchronous=NORMAL}; PostgreSQL: the
     *                server's setting)
     */
    public JdbcAuditLog auditLog(boolean durable) {
        return auditLog(durable, AuditLogSettings.defaults());
    }

    public synchronized JdbcAuditLog auditLog(boolean durable, AuditLogSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        AuditGroupWriter groupWriter = new AuditGroupWriter(pools.auditWriterConnections(), pools.localWriteLock(),
                dialect, durable, AuditWriterConnection.IDLE_CHECK_AFTER);
        JdbcAuditLog auditLog = JdbcAuditLog.start(groupWriter, settings, url::scrub);
        auditLogs.add(auditLog);
        return auditLog;
    }

    public AuditReader auditReader() {
        return auditReader;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    /** Approval requests and their votes, shared by every replica on this store. */
    public ApprovalStore approvals() {
        return approvals;
    }

    /** Just-in-time access grants. */
    public GrantStore grants() {
        return grants;
    }

    /** Flushes and stops the audit logs, then closes the connections. */
    @Override
    public void close() {
        List<JdbcAuditLog> logs;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            logs = List.copyOf(auditLogs);
        }
        for (JdbcAuditLog auditLog : logs) {
            auditLog.close();
        }
        closeQuietly(pools);
    }

    @Override
    public String toString() {
        return "Store[" + url.redacted() + "]";
    }

    private static void closeQuietly(StorePools pools) {
        try {
            pools.close();
        } catch (Exception e) {
            log.warn("closing the store's connections failed: {}", e.getClass().getSimpleName());
        }
    }
}
