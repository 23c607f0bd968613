package dev.sluice.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The demo server's main process, found through the {@code postmaster.pid} file PostgreSQL keeps in its data
 * directory (its first line is the PID). pg_ctl starts the postmaster as a daemon, so it is not a child of this
 * JVM; a {@link ProcessHandle} still lets us see whether it is alive and wait for it to end.
 */
final class Postmaster {

    private static final Duration POLL = Duration.ofMillis(10);

    private Postmaster() {
    }

    /** The live postmaster that owns {@code dataDirectory}, if there is one. */
    static Optional<ProcessHandle> of(Path dataDirectory) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(process -> !hasEnded(process))
                .filter(Postmaster::looksLikePostgres);
    }

    /**
     * Stops a demo server an earlier run left behind (its JVM was killed before it could stop it), so that the
     * directory can be reused. SIGTERM asks for PostgreSQL's smart shutdown; its clients are gone with that JVM.
     */
    static void stopLeftover(Path dataDirectory, Duration patience) throws IOException {
        Optional<ProcessHandle> leftover = of(dataDirectory);
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle process = leftover.get();
        if (!process.destroy() || !awaitExit(process, patience)) {
            throw new DemoDatabaseException("a PostgreSQL from an earlier demo (pid " + process.pid()
                    + ") still runs in " + dataDirectory + " and did not stop; stop it and try again");
        }
    }

    /**
     * Whether {@code process} ended within {@code patience}. The postmaster is not our child, so the JDK cannot
     * wait for it, and {@code onExit()} would count its zombie as alive (see {@link #hasEnded}); a short poll
     * notices the end within milliseconds.
     */
    static boolean awaitExit(ProcessHandle process, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!hasEnded(process)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return hasEnded(process);
            }
        }
        return true;
    }

    /**
     * Whether {@code process} no longer runs. A postmaster that has exited stays a zombie until its parent
     * reaps it; pg_ctl daemonises it, so that parent is init, and where init is slow to reap (some containers)
     * {@link ProcessHandle#isAlive()} keeps saying {@code true} for a second or two. A zombie holds no port, no
     * memory and no files, so it counts as ended; Linux shows the state in {@code /proc/PID/stat}.
     */
    static boolean hasEnded(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"),
                    StandardCharsets.US_ASCII);
            int afterName = stat.lastIndexOf(')'); // "PID (command name) STATE ..."; the name may hold anything
            return afterName >= 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException e) {
            return !process.isAlive(); // no /proc (not Linux), or the process vanished meanwhile
        }
    }

    /** A PID from an old file may since belong to anything: only a process running a postgres binary counts. */
    private static boolean looksLikePostgres(ProcessHandle process) {
        return process.info().command()
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                .orElse(false);
    }
}
