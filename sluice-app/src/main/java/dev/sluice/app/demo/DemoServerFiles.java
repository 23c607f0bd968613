package dev.sluice.app.demo;

import dev.sluice.core.connection.Secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files that make the demo server demand real authentication.
 *
 * <p>zonky runs {@code initdb -A trust}, which would let anyone on the machine in as superuser. Two things undo
 * that before the server first starts: {@code initdb --pwfile} gives the {@code postgres} superuser a random
 * password (zonky passes its "locale config" entries to initdb as {@code --key=value}, which is how the option
 * gets there), and {@link #lockDown(Path)} — zonky's data-directory customizer, run between initdb and the first
 * start — replaces {@code pg_hba.conf} so that every connection is loopback TCP with SCRAM-SHA-256 and turns the
 * Unix-domain socket off. There is no moment at which the server accepts a connection without a password.
 */
final class DemoServerFiles {

    /** Every rule requires SCRAM; anything that matches no rule (other addresses, sockets) is refused. */
    static final List<String> PG_HBA = List.of(
            "# Written by Sluice for `sluice demo` (dev.sluice.app.demo.DemoServerFiles).",
            "# Loopback TCP only, and every role proves its password with SCRAM-SHA-256.",
            "# TYPE  DATABASE  USER  ADDRESS       METHOD",
            "host    all       all   127.0.0.1/32  scram-sha-256",
            "host    all       all   ::1/128       scram-sha-256");

    static final List<String> SERVER_SETTINGS = List.of(
            "",
            "# Added by Sluice for `sluice demo` (dev.sluice.app.demo.DemoServerFiles).",
            "listen_addresses = '" + LoopbackPorts.HOST + "'",
            "unix_socket_directories = ''",
            "password_encryption = 'scram-sha-256'");

    private DemoServerFiles() {
    }

    /** Rewrites {@code pg_hba.conf} and appends the demo's settings to {@code postgresql.conf} of a fresh cluster. */
    static void lockDown(Path dataDirectory) {
        try {
            Files.write(dataDirectory.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
            Files.write(dataDirectory.resolve("postgresql.conf"), SERVER_SETTINGS, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the demo PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * Writes the superuser password for {@code initdb --pwfile} into a new file only the current user can read
     * (next to, not inside, the data directory: initdb wants that one empty). The caller deletes it once the
     * server is up.
     */
    static Path writePasswordFile(Path parent, Secret password) throws IOException {
        Files.createDirectories(parent);
        Path file = Files.createTempFile(parent, "demo-postgres-", ".pw"); // 0600 on POSIX file systems
        Files.writeString(file, password.reveal() + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Empties the demo's data directory so that initdb can make a fresh cluster there. Only a directory that
     * holds a PostgreSQL cluster (or nothing, or zonky's lock file) is touched: a wrong path must not cost
     * anybody their files.
     */
    static void clear(Path dataDirectory) throws IOException {
        if (!Files.isDirectory(dataDirectory)) {
            return;
        }
        boolean cluster = Files.exists(dataDirectory.resolve("PG_VERSION"));
        try (Stream<Path> children = Files.list(dataDirectory)) {
            boolean onlyLock = children.allMatch(child -> child.getFileName().toString().equals(ClusterLock.FILE_NAME));
            if (!cluster && !onlyLock) {
                throw new DemoDatabaseException(dataDirectory + " holds files that are not a demo PostgreSQL "
                        + "cluster; move them away or choose another data directory");
            }
        }
        Files.walkFileTree(dataDirectory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
