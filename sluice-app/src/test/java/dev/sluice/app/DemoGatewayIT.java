package dev.sluice.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole product as a user meets it: {@code sluice demo}'s embedded PostgreSQL and gateway, real clients (psql and
 * pgjdbc) authenticating with tokens and API keys, the admin endpoints, and the audit commands of the CLI.
 */
class DemoGatewayIT {

    @TempDir
    static Path dataDir;

    static DemoRunner.RunningDemo demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoRunner.start(dataDir, 0, 0);
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    private static String config() {
        return demo.configFile().toString();
    }

    private static Connection connect(String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "alice");
        props.setProperty("password", password);
        props.setProperty("sslmode", "disable");
        props.setProperty("ApplicationName", "demo-it");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + demo.port() + "/clinic", props);
    }

    @Test
    void psqlWithTheDemoTokenReadsPatients() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-A", "-t",
                "host=127.0.0.1 port=" + demo.port() + " dbname=clinic user=alice sslmode=disable",
                "-c", "select count(*) from patients");
        pb.environment().put("PGPASSWORD", demo.token());
        pb.redirectErrorStream(true);
        Process psql = pb.start();
        assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(psql.exitValue()).as(output).isZero();
        assertThat(Integer.parseInt(output)).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void pgjdbcQueriesThroughTheGatewayWithVaultedCredentials() throws Exception {
        try (Connection c = connect(demo.token()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_user, count(*) from visits")) {
            assertThat(rs.next()).isTrue();
            // the client said "alice" and a token; upstream it is the vaulted role
            assertThat(rs.getString(1)).isEqualTo("sluice_app");
            assertThat(rs.getLong(2)).isPositive();
        }
    }

    @Test
    void aTamperedTokenIsRefusedWith28P01() {
        String token = demo.token();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> connect(tampered).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"))
                .hasMessageNotContaining(tampered);
    }

    @Test
    void aTokenIssuedByTheCliWorksAndOneForAnotherGroupIsRefused() throws Exception {
        CliRun issued = CliRun.of("token", "issue", "--config", config(), "--user", "bob@example.com",
                "--groups", "clinicians", "--ttl", "10m");
        assertThat(issued.exitCode()).as(issued.err()).isZero();
        try (Connection c = connect(issued.out().trim()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            assertThat(rs.next()).isTrue();
        }

        CliRun outsider = CliRun.of("token", "issue", "--config", config(), "--user", "mallory@example.com",
                "--groups", "marketing");
        assertThatThrownBy(() -> connect(outsider.out().trim()).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"))
                .hasMessageContaining("mallory@example.com");
    }

    @Test
    void anApiKeyIsShownOnceAndAuthenticatesUntilRevoked() throws Exception {
        CliRun created = CliRun.of("apikey", "create", "--config", config(), "--user", "agent-7",
                "--groups", "clinicians");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String key = created.out().trim();
        try (Connection c = connect(key); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 2")) {
            assertThat(rs.next()).isTrue();
        }
        CliRun listed = CliRun.of("apikey", "list", "--config", config());
        assertThat(listed.out()).contains("agent-7").doesNotContain(key);

        String keyId = key.split("_")[1];
        assertThat(CliRun.of("apikey", "revoke", "--config", config(), keyId).exitCode()).isZero();
        assertThatThrownBy(() -> connect(key).close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void adminListenerServesHealthMetricsAndTheIssuerKeys() throws Exception {
        int admin = demo.gateway().adminPort().orElseThrow();
        try (HttpClient http = HttpClient.newHttpClient()) {
            try (Connection c = connect(demo.token()); Statement s = c.createStatement()) {
                s.execute("select 1");
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("sluice_sessions_total").contains("sluice_commands_total");
            HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + admin + "/.well-known/jwks.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.body()).contains("\"keys\"").doesNotContain("\"d\"");
        }
    }

    @Test
    void everySessionAndStatementIsInTheVerifiedAuditLog() throws Exception {
        try (Connection c = connect(demo.token()); Statement s = c.createStatement()) {
            s.execute("select mrn from patients where last_name = 'Audit-Marker-Literal'");
        }
        Eventually.until("the session's end is recorded", () -> {
            CliRun list = CliRun.of("sessions", "list", "--config", config());
            return list.out().lines().anyMatch(l -> l.contains("alice@example.com") && l.contains("ended"));
        });
        CliRun list = CliRun.of("sessions", "list", "--config", config());
        String sessionId = list.out().lines()
                .filter(l -> l.contains("alice@example.com") && l.contains("ended"))
                .map(l -> l.split("\\s+")[0]).findFirst().orElseThrow();

        CliRun replay = CliRun.of("sessions", "replay", sessionId, "--config", config());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        // statements are stored normalised: the literal never reaches disk
        assertThat(replay.out()).containsIgnoringCase("from patients where last_name = ?")
                .doesNotContain("Audit-Marker-Literal")
                .contains("session start").contains("session end");

        CliRun verify = CliRun.of("audit", "verify", "--config", config());
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("audit chain intact");
    }

    @Test
    void configCheckNamesFileLineAndKey() throws Exception {
        Path bad = dataDir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, String.join("\n", List.of(
                "listeners:",
                "  - name: pg",
                "    protocol: postgresql",
                "    listen: 127.0.0.1:99999",
                "    colour: blue",
                "")));
        CliRun check = CliRun.of("config", "check", bad.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("bad.yaml:4:").contains("listeners[0].listen")
                .contains("bad.yaml:5:").contains("colour");
        assertThat(CliRun.of("config", "check", demo.configFile().toString()).exitCode()).isZero();
    }

    @Test
    void theDemoGuardrailsRefuseAnUnboundedDeleteAndHoldATruncateForItsReviewer() throws Exception {
        Path home = dataDir.resolve("reviewer-cli");
        String admin = "http://127.0.0.1:" + demo.gateway().adminPort().orElseThrow();
        try (Connection c = connect(demo.token()); Statement s = c.createStatement()) {
            s.execute("create temporary table scratch (id int)");
            assertThatThrownBy(() -> s.execute("delete from scratch"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("unbounded-write");

            java.util.concurrent.CompletableFuture<Void> held = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    s.execute("truncate scratch");
                } catch (SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            CliRun login = CliRun.withEnvironment(java.util.Map.of("SLUICE_HOME", home.toString()), dataDir,
                    "login", "--server", admin, "--token-file",
                    demo.configFile().resolveSibling(DemoRunner.REVIEWER_TOKEN_FILE).toString());
            assertThat(login.exitCode()).as(login.err()).isZero();
            String[] id = new String[1];
            Eventually.until("the truncate to be listed as pending under its rule", () -> {
                CliRun list = CliRun.withEnvironment(java.util.Map.of("SLUICE_HOME", home.toString()), dataDir,
                        "approvals", "list");
                id[0] = list.out().lines().filter(l -> l.contains("destructive-ddl") && l.contains("pending"))
                        .map(l -> l.trim().split("\\s+")[0]).findFirst().orElse(null);
                return id[0] != null;
            });
            CliRun approve = CliRun.withEnvironment(java.util.Map.of("SLUICE_HOME", home.toString()), dataDir,
                    "approvals", "approve", id[0]);
            assertThat(approve.exitCode()).as(approve.err()).isZero();
            held.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void unknownCommandsAndMissingConfigFailWithOneLine() {
        CliRun unknown = CliRun.of("frobnicate");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err().strip().lines().count()).isEqualTo(1);
        CliRun missing = CliRun.of("audit", "verify", "--config", "/nonexistent/sluice.yaml");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).startsWith("sluice: ").doesNotContain("Exception");
    }
}
