package dev.sluice.app;

import dev.sluice.app.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store holds the audit log and the API key hashes: when Sluice creates {@code sluice.db}, only its
 * owner may read it, whatever the umask, and SQLite's write-ahead log and shared-memory files follow it.
 */
class StoreFilePermissionsTest {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path dir;

    @Test
    void theGatewayCreatesAnOwnerOnlyStoreAndWriteAheadLog() throws Exception {
        Path config = GatewayConfigFile.write(dir, "");

        try (Gateway gateway = Gateway.start(ConfigLoader.load(config, Map.of()), ProtocolRegistry.standard())) {
            Path db = dir.resolve("data/sluice.db");
            // while the store is open, SQLite keeps its WAL and shared-memory files next to the database
            assertThat(storeFiles(db)).containsExactlyInAnyOrder(db, wal(db), shm(db));
            for (Path file : storeFiles(db)) {
                assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(OWNER_ONLY);
            }
        }
    }

    @Test
    void theCliCreatesAnOwnerOnlyStore() throws Exception {
        Path config = GatewayConfigFile.write(dir, "");

        CliRun created = CliRun.of("apikey", "create", "--config", config.toString(), "--user", "agent-7");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(Files.getPosixFilePermissions(dir.resolve("data/sluice.db"))).isEqualTo(OWNER_ONLY);
    }

    @Test
    void anExistingStoreKeepsThePermissionsItsOwnerGaveIt() throws Exception {
        Path config = GatewayConfigFile.write(dir, "");
        Path db = Files.createDirectories(dir.resolve("data")).resolve("sluice.db");
        Set<PosixFilePermission> groupReadable = PosixFilePermissions.fromString("rw-r-----");
        Files.createFile(db, PosixFilePermissions.asFileAttribute(groupReadable));

        CliRun listed = CliRun.of("apikey", "list", "--config", config.toString());

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(Files.getPosixFilePermissions(db)).isEqualTo(groupReadable);
    }

    /** The database and those of its -wal and -shm siblings that exist. */
    private static List<Path> storeFiles(Path db) {
        return Stream.of(db, wal(db), shm(db)).filter(Files::exists).toList();
    }

    private static Path wal(Path db) {
        return db.resolveSibling(db.getFileName() + "-wal");
    }

    private static Path shm(Path db) {
        return db.resolveSibling(db.getFileName() + "-shm");
    }
}
