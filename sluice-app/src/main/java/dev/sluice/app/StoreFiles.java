package dev.sluice.app;

import dev.sluice.app.config.StoreConfig;
import dev.sluice.store.Store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Opens the configured store for the gateway and the CLI.
 *
 * <p>An SQLite store holds the audit log (masked, but still a record of who touched what) and the API key hashes,
 * so the file Sluice creates for it is readable by its owner only, like the local issuer's key. SQLite would create
 * it with the process umask (world-readable under the usual 022), so the empty file is created here first, with
 * mode 0600; SQLite then gives its {@code -wal} and {@code -shm} files the database file's own mode. A file that
 * already exists is left as its owner set it.
 */
public final class StoreFiles {

    private StoreFiles() {
    }

    /** @throws IOException when the SQLite file or its directory cannot be created */
    public static Store open(StoreConfig config) throws IOException {
        if (config instanceof StoreConfig.Sqlite sqlite) {
            createOwnerOnly(sqlite.file());
        }
        return Store.open(config.url().reveal());
    }

    static void createOwnerOnly(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // elsewhere the file inherits the directory's access rules
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // an existing store keeps the permissions its owner gave it
        }
    }
}
