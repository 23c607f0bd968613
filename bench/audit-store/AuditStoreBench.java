import dev.sluice.core.audit.AuditEvent;
import dev.sluice.store.JdbcAuditLog;
import dev.sluice.store.Store;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What one audit event costs on the store's write path: appends events through {@link JdbcAuditLog} the way the
 * gateway does, on SQLite (durable and not) and on PostgreSQL (embedded, zonky), and prints events/s and CPU
 * microseconds per event.
 *
 * <p>Two shapes per store:
 * <ul>
 *   <li>{@code serial}: one session, every event {@code append}ed, so every event is its own group and
 *       transaction: the per-group cost, as at 1 client in the gateway;</li>
 *   <li>{@code 16 sessions}: 16 virtual threads, each a session producing command.decided then command.completed
 *       per command, as the gateway's Gate/recorder do ({@code fail_closed}: decided appended, completed
 *       submitted; otherwise both submitted): the per-event cost with group commit.</li>
 * </ul>
 * Each cell gets a fresh store, a warm-up of a quarter of its events, then the measured events. CPU: the whole
 * JVM ({@code process}), the audit writer thread alone ({@code writer}), and for PostgreSQL the server's
 * processes ({@code server}). Rounds are interleaved so that outside load hits every cell alike; the summary
 * gives the median and the min–max over rounds.
 *
 * <p>Run with {@code bench/audit-store/run.sh}; arguments: {@code rounds scale [only]} (events per cell = base ×
 * scale; {@code only}: run just the cells whose "store [durable] shape" contains it).
 */
public final class AuditStoreBench {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int SESSIONS = 16;

    record Cell(String store, boolean durable, boolean serial, int events) {
        String name() {
            return String.format("%-15s %-11s", store + (durable ? " durable" : ""), serial ? "serial" : "16 sessions");
        }
    }

    record Sample(double eventsPerSecond, double processMicros, double writerMicros, double serverMicros) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        String only = args.length > 2 ? args[2] : ""; // e.g. "sqlite durable" or "serial": only matching cells
        Path work = Files.createTempDirectory("audit-bench");
        List<Cell> cells = List.of(
                new Cell("sqlite", false, true, (int) (4_000 * scale)),
                new Cell("sqlite", false, false, (int) (40_000 * scale)),
                new Cell("sqlite", true, true, (int) (1_000 * scale)),
                new Cell("sqlite", true, false, (int) (20_000 * scale)),
                new Cell("postgresql", false, true, (int) (2_000 * scale)),
                new Cell("postgresql", false, false, (int) (40_000 * scale)),
                new Cell("postgresql", true, true, (int) (1_000 * scale)),
                new Cell("postgresql", true, false, (int) (20_000 * scale)))
                .stream().filter(c -> (c.store() + (c.durable() ? " durable " : " ")
                        + (c.serial() ? "serial" : "16 sessions")).contains(only)).toList();
        Map<Cell, List<Sample>> samples = new LinkedHashMap<>();
        Path pgData = work.resolve("pg");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(pgData)
                .setCleanDataDirectory(true).start()) {
            int databases = 0;
            for (int round = 1; round <= rounds; round++) {
                for (Cell cell : cells) {
                    String url;
                    if (cell.store().equals("sqlite")) {
                        url = "sqlite:" + work.resolve("r" + round + "-" + samples.size() + "-" + System.nanoTime() + ".db");
                    } else {
                        String database = "bench_" + (++databases);
                        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                             Statement sql = admin.createStatement()) {
                            sql.execute("CREATE DATABASE " + database);
                        }
                        url = "postgresql://postgres@localhost:" + postgres.getPort() + "/" + database;
                    }
                    Sample sample = run(cell, url, cell.store().equals("postgresql") ? pgData : null);
                    samples.computeIfAbsent(cell, c -> new ArrayList<>()).add(sample);
                    System.out.printf(Locale.ROOT, "round %d  %s  %8.0f events/s  process %6.1f µs/event  "
                                    + "writer %6.1f µs/event  server %6.1f µs/event%n", round, cell.name(),
                            sample.eventsPerSecond(), sample.processMicros(), sample.writerMicros(),
                            sample.serverMicros());
                }
            }
        }
        System.out.println();
        System.out.println("| store | shape | events | events/s | process CPU µs/event | writer thread CPU µs/event "
                + "| PostgreSQL server CPU µs/event |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<Cell, List<Sample>> entry : samples.entrySet()) {
            Cell cell = entry.getKey();
            List<Sample> s = entry.getValue();
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s |%n",
                    cell.store() + (cell.durable() ? " durable" : ""), cell.serial() ? "serial" : "16 sessions",
                    cell.events(), summary(s, Sample::eventsPerSecond, "%.0f"),
                    summary(s, Sample::processMicros, "%.1f"), summary(s, Sample::writerMicros, "%.1f"),
                    cell.store().equals("postgresql") ? summary(s, Sample::serverMicros, "%.1f") : "-");
        }
    }

    private static Sample run(Cell cell, String url, Path pgData) throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(cell.durable());
            produce(auditLog, cell, cell.events() / 4, "warm");
            awaitDrained(auditLog);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long writerId = writerThreadId(threads);
            long process0 = processCpuNanos();
            long writer0 = threads.getThreadCpuTime(writerId);
            long server0 = pgData == null ? 0 : serverCpuNanos(pgData);
            long wall0 = System.nanoTime();
            produce(auditLog, cell, cell.events(), "run");
            awaitDrained(auditLog);
            long wall = System.nanoTime() - wall0;
            long process = processCpuNanos() - process0;
            long writer = threads.getThreadCpuTime(writerId) - writer0;
            long server = pgData == null ? 0 : serverCpuNanos(pgData) - server0;
            if (auditLog.lostEvents() != 0) {
                throw new IllegalStateException(auditLog.lostEvents() + " events lost");
            }
            int n = cell.events();
            return new Sample(n / (wall / 1e9), process / 1e3 / n, writer / 1e3 / n, server / 1e3 / n);
        }
    }

    /** Produces {@code events} events: the command.decided/command.completed pairs of one or 16 sessions. */
    private static void produce(JdbcAuditLog auditLog, Cell cell, int events, String prefix) throws Exception {
        int sessions = cell.serial() ? 1 : SESSIONS;
        int commandsPerSession = events / 2 / sessions;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                String session = prefix + "-" + s + "-" + System.nanoTime();
                done.add(executor.submit(() -> {
                    for (int i = 0; i < commandsPerSession; i++) {
                        Instant at = T0.plusMillis(i);
                        String commandId = session + "/" + i;
                        var decided = new AuditEvent.CommandDecided(session, at, commandId,
                                "SELECT abalance FROM pgbench_accounts WHERE aid = ?", List.of("SELECT"),
                                List.of("public.pgbench_accounts"), 0, List.of(), "allow", "", "");
                        var completed = new AuditEvent.CommandCompleted(session, at, commandId, 1, 180, "");
                        if (cell.serial()) {
                            auditLog.append(decided);
                            auditLog.append(completed);
                        } else if (cell.durable()) {
                            auditLog.append(decided);
                            auditLog.submit(completed);
                        } else {
                            auditLog.submit(decided);
                            auditLog.submit(completed);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    /** Waits until the writer has committed everything accepted (the bench's end condition, not a sleep-for-time). */
    private static void awaitDrained(JdbcAuditLog auditLog) throws InterruptedException {
        while (auditLog.pendingEvents() > 0) {
            Thread.sleep(1);
        }
    }

    private static long writerThreadId(ThreadMXBean threads) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals("sluice-audit-writer")) {
                return info.getThreadId();
            }
        }
        throw new IllegalStateException("no audit writer thread");
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** user+system CPU of the postmaster and its children (backends, WAL writer, checkpointer, …), from /proc. */
    private static long serverCpuNanos(Path pgData) throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().trim());
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                // Fields after the ")" that ends the command name: state ppid ... utime(14) stime(15).
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static String summary(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value,
                                  String format) {
        List<Double> sorted = samples.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        double median = sorted.get(sorted.size() / 2);
        String m = String.format(Locale.ROOT, format, median);
        if (sorted.size() == 1) {
            return m;
        }
        return m + " (" + String.format(Locale.ROOT, format, sorted.getFirst()) + "–"
                + String.format(Locale.ROOT, format, sorted.getLast()) + ")";
    }
}
