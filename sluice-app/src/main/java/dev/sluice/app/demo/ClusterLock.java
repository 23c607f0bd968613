package dev.sluice.app.demo;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * zonky holds an exclusive lock on {@code epg-lock} in the data directory for as long as its server runs. The
 * lock dies with the JVM that took it, so a held lock means a demo that is still alive (whose server must not be
 * touched), and a free one next to a running postmaster means a leftover from a killed run.
 */
final class ClusterLock {

    static final String FILE_NAME = "epg-lock";

    private ClusterLock() {
    }

    /** Whether a live process (this JVM included) holds the lock of the cluster in {@code dataDirectory}. */
    static boolean isHeldElsewhere(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM holds it: an open DemoDatabase
        }
    }
}
