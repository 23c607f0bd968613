package dev.sluice.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pgbench, unchanged, through the gateway: {@code pgbench -i} (DDL, COPY FROM STDIN, VACUUM) and concurrent
 * select-only runs in all three query modes, then the audit log holds every transaction and its chain verifies.
 */
class PgbenchIT {

    private static final int CLIENTS = 4;
    private static final int TRANSACTIONS_PER_CLIENT = 250;
    private static final String AUDITED_USER = "pgbench-auditor@example.com";

    @TempDir
    static Path dataDir;

    static DemoRunner.RunningDemo demo;
    /** pgbench -i drops and creates tables: the demo's guardrails let only its dba group do that unreviewed. */
    static String dbaToken;

    @BeforeAll
    static void startDemoAndInitialise() throws Exception {
        demo = DemoRunner.start(dataDir, 0, 0);
        dbaToken = demo.gateway().localIssuer().orElseThrow().issue("pgbench@example.com",
                java.util.Set.of(DemoRunner.DBA_GROUP), java.time.Duration.ofMinutes(30));
        PgbenchRun init = pgbench("-i", "-s", "1");
        assertThat(init.exitCode()).as(init.output()).isZero();
        assertThat(init.output()).contains("done");
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @ParameterizedTest(name = "pgbench -S -M {0}")
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void selectOnlyRunCompletesEveryTransaction(String mode) throws Exception {
        PgbenchRun run = pgbench("-n", "-S", "-M", mode, "-c", String.valueOf(CLIENTS), "-j", "2",
                "-t", String.valueOf(TRANSACTIONS_PER_CLIENT));

        assertThat(run.exitCode()).as(run.output()).isZero();
        int expected = CLIENTS * TRANSACTIONS_PER_CLIENT;
        assertThat(run.output())
                .contains("number of transactions actually processed: " + expected + "/" + expected)
                .contains("number of failed transactions: 0");
    }

    @Test
    void theAuditLogHoldsEveryPgbenchSessionAndItsChainVerifies() throws Exception {
        // Its own user, so that the sessions of this run are told apart from the other tests' in the list.
        CliRun issued = CliRun.of("token", "issue", "--config", demo.configFile().toString(), "--user",
                AUDITED_USER, "--groups", DemoRunner.DBA_GROUP, "--ttl", "10m");
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        PgbenchRun run = pgbenchAs(issued.out().trim(), "-n", "-S", "-c", "2", "-j", "1", "-t", "100");
        assertThat(run.exitCode()).as(run.output()).isZero();

        // Audit events are group-committed after the response is released: wait until both sessions' 100
        // statements (plus pgbench's setup queries) are counted, then the chain must still verify.
        Eventually.until("both pgbench sessions are recorded with all their statements",
                () -> pgbenchCommandCounts().stream().filter(count -> count >= 100).count() >= 2);
        CliRun verify = CliRun.of("audit", "verify", "--config", demo.configFile().toString());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("audit chain intact");
    }

    /** The COMMANDS column of every ended session of {@link #AUDITED_USER} in {@code sluice sessions list}. */
    private static List<Integer> pgbenchCommandCounts() {
        CliRun list = CliRun.of("sessions", "list", "--config", demo.configFile().toString());
        List<Integer> counts = new ArrayList<>();
        for (String line : list.out().lines().skip(1).toList()) {
            String[] columns = line.trim().split("\\s+");
            // SESSION STARTED SUBJECT CONNECTION COMMANDS STATE...
            if (columns.length >= 6 && columns[2].equals(AUDITED_USER) && columns[5].equals("ended")) {
                counts.add(Integer.parseInt(columns[4]));
            }
        }
        return counts;
    }

    private record PgbenchRun(int exitCode, String output) {
    }

    private static PgbenchRun pgbench(String... args) throws IOException, InterruptedException {
        return pgbenchAs(dbaToken, args);
    }

    private static PgbenchRun pgbenchAs(String token, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", "127.0.0.1", "-p",
                String.valueOf(demo.port()), "-U", "alice"));
        command.addAll(List.of(args));
        command.add(DemoRunner.CONNECTION);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", token);
        pb.environment().put("PGSSLMODE", "disable");
        Process process = pb.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("pgbench did not finish within 120 s");
        }
        return new PgbenchRun(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
