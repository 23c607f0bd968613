package dev.sluice.app;

import dev.sluice.app.config.ConfigException;
import dev.sluice.app.config.ConfigLoader;
import dev.sluice.app.config.GatewayConfig;
import dev.sluice.app.demo.DemoDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code sluice demo} without the printing: a real embedded PostgreSQL with the synthetic clinic dataset, a
 * configuration file written next to it (so every other {@code sluice} command works against the demo with
 * {@code --config}), the gateway in front of it on the embedded store, and a token for a demo user.
 */
public final class DemoRunner {

    /** The demo user; in group {@code clinicians}, which the demo connection admits. */
    public static final String DEMO_USER = "alice@example.com";
    public static final String DEMO_GROUP = "clinicians";
    public static final String CONNECTION = "clinic";
    /** Approves held statements in the demo: its token is written to {@code reviewer-token}. */
    public static final String DEMO_REVIEWER = "rob@example.com";
    public static final String REVIEWER_GROUP = "reviewers";
    public static final String REVIEWER_TOKEN_FILE = "reviewer-token";
    /** Members may run maintenance and benchmarks (pgbench -i drops and creates tables) without guardrails. */
    public static final String DBA_GROUP = "dba";

    private DemoRunner() {
    }

    /** A running demo; closing it stops the gateway and then PostgreSQL. */
    public record RunningDemo(Gateway gateway, DemoDatabase database, Path configFile, String token)
            implements AutoCloseable {

        public int port() {
            return gateway.port("pg");
        }

        @Override
        public void close() {
            try {
                gateway.close();
            } finally {
                database.close();
            }
        }

        @Override
        public String toString() {
            return "RunningDemo[port=" + port() + ", config=" + configFile + "]";
        }
    }

    /**
     * @param dataDir   where the demo keeps PostgreSQL's files, the store, the issuer key and its config
     * @param port      gateway port for PostgreSQL clients (0 = any free port)
     * @param adminPort admin HTTP port (0 = any free port)
     */
    public static RunningDemo start(Path dataDir, int port, int adminPort) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        DemoDatabase database = DemoDatabase.start(dir);
        try {
            Path passwordFile = dir.resolve("upstream-password");
            writePrivate(passwordFile, database.password().reveal());
            Path configFile = dir.resolve("sluice.yaml");
            Files.writeString(configFile, config(database, port, adminPort));
            GatewayConfig config = ConfigLoader.load(configFile, Map.of());
            Gateway gateway = Gateway.start(config, ProtocolRegistry.standard());
            String token = gateway.localIssuer().orElseThrow()
                    .issue(DEMO_USER, Set.of(DEMO_GROUP), Duration.ofHours(8));
            writePrivate(dir.resolve("demo-token"), token);
            writePrivate(dir.resolve(REVIEWER_TOKEN_FILE), gateway.localIssuer().orElseThrow()
                    .issue(DEMO_REVIEWER, Set.of(REVIEWER_GROUP), Duration.ofHours(8)));
            return new RunningDemo(gateway, database, configFile, token);
        } catch (ConfigException e) {
            database.close();
            throw new IllegalStateException("the demo configuration is invalid: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static String config(DemoDatabase database, int port, int adminPort) {
        return """
                # Written by `sluice demo`: the gateway in front of the embedded demo PostgreSQL.
                # Every sluice command works against it: ./sluice sessions list --config <this file>
                gateway:
                  data_dir: .
                admin:
                  listen: 127.0.0.1:%d
                  reviewer_groups: [%s]
                listeners:
                  - name: pg
                    protocol: postgresql
                    listen: 127.0.0.1:%d
                connections:
                  - name: %s
                    type: postgresql
                    listener: pg
                    target:
                      host: %s
                      port: %d
                      database: %s
                      tls: disable
                    credentials:
                      username: %s
                      password: ${file:upstream-password}
                    access:
                      groups: [%s, dev, %s]
                    policy: clinic-guardrails
                # Guardrails: refused outright, or held until a reviewer approves (sluice approvals approve ID).
                policies:
                  - name: clinic-guardrails
                    rules:                        # tried before the presets
                      - name: dbas-may-maintain
                        when: '"%s" in identity.groups'
                        action: allow
                    presets:
                      - unbounded-write           # DELETE/UPDATE without WHERE: refused
                      - privilege-changes         # GRANT, REVOKE, roles: refused
                      - dangerous-functions       # server files, COPY PROGRAM, dblink: refused
                      - preset: destructive-ddl   # DROP, TRUNCATE, ALTER ... DROP: held for a reviewer
                        approvers: [%s]
                        timeout: 10m
                audit:
                  fail_closed: false
                """.formatted(adminPort, REVIEWER_GROUP, port, CONNECTION, database.host(), database.port(),
                database.database(), database.username(), DEMO_GROUP, DBA_GROUP, DBA_GROUP, REVIEWER_GROUP);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
