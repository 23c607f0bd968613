package dev.sluice.postgres.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real psql (libpq), run as a user runs it against a test gateway: alice's token in {@code PGPASSWORD}, the
 * connection as the database name, unaligned tuples-only output ({@code -X -A -t}) so that results compare as text.
 * Immutable: each {@code with…} returns a changed copy.
 */
public final class Psql {

    private static final String PSQL = "/usr/bin/psql";

    /** What psql printed and how it exited. */
    public record Result(int exitCode, String out, String err) {
    }

    private final int port;
    private final String sslmode;
    private final String password;
    private final Map<String, String> environment;

    private Psql(int port, String sslmode, String password, Map<String, String> environment) {
        this.port = port;
        this.sslmode = sslmode;
        this.password = password;
        this.environment = Map.copyOf(environment);
    }

    /** Plaintext ({@code sslmode=disable}), as alice. */
    public static Psql to(GatewayHarness gateway) {
        return new Psql(gateway.port(), "disable", TestIdentities.ALICE_TOKEN, Map.of());
    }

    public Psql withSslmode(String mode) {
        return new Psql(port, mode, password, environment);
    }

    public Psql withPassword(String token) {
        return new Psql(port, sslmode, token, environment);
    }

    /** An environment variable libpq reads ({@code PGOPTIONS}, {@code PGAPPNAME}…). */
    public Psql withEnv(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(environment);
        more.put(name, value);
        return new Psql(port, sslmode, password, more);
    }

    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PSQL, "host=127.0.0.1 port=" + port + " dbname="
                + GatewayHarness.CONNECTION + " user=alice sslmode=" + sslmode + " gssencmode=disable "
                + "connect_timeout=10", "-X", "-A", "-t"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGCLIENTENCODING", "UTF8");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("psql-out", ".txt");
        Path err = Files.createTempFile("psql-err", ".txt");
        try {
            builder.redirectOutput(out.toFile());
            builder.redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("psql did not finish within 30 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
