package dev.sluice.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.app.cli.CliEnvironment;
import dev.sluice.app.cli.SluiceCli;
import dev.sluice.app.config.ConfigLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Guardrails and just-in-time approvals end to end, as users meet them: rules from {@code policies:}, clients on
 * pgjdbc, reviewers on the {@code sluice} CLI and the admin API, two gateway replicas sharing one PostgreSQL store,
 * and a webhook receiver that checks every delivery's signature.
 *
 * <p>Everyone authenticates with API keys: they live in the shared store, so one key works on both replicas.
 */
class ApprovalsGatewayIT {

    private static final String WEBHOOK_SECRET = "whsec-test-0123456789abcdef0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static EmbeddedPostgres postgres;
    static HttpServer receiver;
    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    static Gateway replicaA;
    static Gateway replicaB;
    static final Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();
    static final HttpClient http = HttpClient.newHttpClient();

    private String table;

    /** One webhook delivery as the receiver got it, and whether its signature verified with the shared secret. */
    record Delivery(String event, JsonNode body, boolean signatureValid) {
    }

    @BeforeAll
    static void startStoreReplicasAndReceiver() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database sluice_store");
        }
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-Sluice-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Sluice-Signature");
            boolean valid = timestamp != null && signature != null
                    && signature.equals("v1=" + hmac(timestamp + "." + new String(body, StandardCharsets.UTF_8)));
            JsonNode json = JSON.readTree(body);
            deliveries.add(new Delivery(json.path("event").asText(), json, valid));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Files.writeString(dir.resolve("webhook-secret"), WEBHOOK_SECRET);

        replicaA = startReplica("a");
        replicaB = startReplica("b");
        for (String[] person : new String[][]{{"alice", "dev"}, {"rita", "dev,reviewers"}, {"bob", "reviewers"},
                {"carol", "reviewers"}, {"dave", "contractors"}, {"leo", "leads"}, {"olga", "ops"}}) {
            CliRun created = CliRun.of("apikey", "create", "--config", dir.resolve("a/sluice.yaml").toString(),
                    "--user", person[0], "--groups", person[1]);
            assertThat(created.exitCode()).as(created.err()).isZero();
            keys.put(person[0], created.out().trim());
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try (EmbeddedPostgres server = postgres) {
            if (replicaA != null) {
                replicaA.close();
            }
            if (replicaB != null) {
                replicaB.close();
            }
            if (receiver != null) {
                receiver.stop(0);
            }
        }
    }

    @BeforeEach
    void tableWithRows() throws SQLException {
        table = "t_" + Long.toHexString(System.nanoTime());
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (id int primary key)");
            s.execute("insert into " + table + " select generate_series(1, 3)");
        }
    }

    // -------------------------------------------------------------------------------------------------- deny

    @Test
    void aDeniedStatementNamesItsRuleAndTheSessionCarriesOn() throws Exception {
        try (Connection c = connect(replicaA, "alice"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("delete from " + table))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> {
                        assertThat(((SQLException) e).getSQLState()).isEqualTo("42501");
                        assertThat(e.getMessage()).contains("SLUICE-DENY").contains("unbounded-write");
                    });
            assertThat(count(s)).isEqualTo(3);

            c.setAutoCommit(false);
            s.execute("insert into " + table + " values (4)");
            assertThatThrownBy(() -> s.execute("update " + table + " set id = id + 10"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> count(s)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P02"));
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(s)).as("the insert before the denied statement was rolled back").isEqualTo(3);
        }
    }

    // --------------------------------------------------------------------------------------------- approvals

    @Test
    void aStatementHeldOnOneReplicaRunsOnceApprovedThroughTheCliOnTheOther() throws Exception {
        try (Connection c = connect(replicaA, "alice"); Statement s = c.createStatement()) {
            s.execute("set sluice.justification = 'INC-4211: clear the staging rows'");
            CompletableFuture<Void> running = executeAsync(s, "truncate " + table);
            JsonNode request = awaitPending(replicaB, "truncate " + table);
            assertThat(request.path("justification").asText()).isEqualTo("INC-4211: clear the staging rows");
            assertThat(request.path("statement").asText()).isEqualTo("truncate " + table);
            assertThat(countDirectly()).as("nothing ran before the approval").isEqualTo(3);

            String[] approve = sluice("bob", "approvals", "approve", request.path("id").asText(),
                    "--comment", "looks right", "--server", adminUrl(replicaB));
            assertThat(approve[0]).as(approve[2]).isEqualTo("0");

            running.get(30, TimeUnit.SECONDS);
            assertThat(countDirectly()).isZero();
        }
        Eventually.until("the webhook to receive the request and its resolution, signed", () ->
                deliveries.stream().anyMatch(d -> d.event().equals("approval.requested")
                        && d.body().path("request").path("statement").asText().equals("truncate " + table))
                        && deliveries.stream().anyMatch(d -> d.event().equals("approval.resolved")
                        && d.body().path("request").path("statement").asText().equals("truncate " + table)));
        assertThat(deliveries).filteredOn(d -> d.body().path("request").path("statement").asText()
                .equals("truncate " + table)).allMatch(Delivery::signatureValid);
    }

    @Test
    void aRejectionReachesTheClientWithTheReviewersWords() throws Exception {
        try (Connection c = connect(replicaA, "alice"); Statement s = c.createStatement()) {
            CompletableFuture<Void> running = executeAsync(s, "truncate " + table);
            JsonNode request = awaitPending(replicaA, "truncate " + table);

            String[] reject = sluice("bob", "approvals", "reject", request.path("id").asText(),
                    "--comment", "not during the audit", "--server", adminUrl(replicaA));
            assertThat(reject[0]).as(reject[2]).isEqualTo("0");

            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("not approved: rejected by bob")
                    .hasMessageContaining("not during the audit");
            assertThat(count(s)).isEqualTo(3);
        }
    }

    @Test
    void nobodyMayApproveTheirOwnStatement() throws Exception {
        try (Connection c = connect(replicaA, "rita"); Statement s = c.createStatement()) {
            CompletableFuture<Void> running = executeAsync(s, "truncate " + table);
            JsonNode request = awaitPending(replicaA, "truncate " + table);

            String[] selfApproval = sluice("rita", "approvals", "approve", request.path("id").asText(),
                    "--server", adminUrl(replicaA));
            assertThat(selfApproval[0]).isEqualTo("1");
            assertThat(selfApproval[2]).contains("sluice:").containsIgnoringCase("own");
            assertThat(status(replicaA, request.path("id").asText())).isEqualTo("pending");

            s.cancel();
            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aTwoApproverRuleWaitsForTheSecondApproval() throws Exception {
        try (Connection c = connect(replicaA, "alice"); Statement s = c.createStatement()) {
            CompletableFuture<Void> running = executeAsync(s, "drop table " + table);
            String id = awaitPending(replicaA, "drop table " + table).path("id").asText();

            assertThat(sluice("bob", "approvals", "approve", id, "--server", adminUrl(replicaA))[0]).isEqualTo("0");
            assertThat(status(replicaA, id)).isEqualTo("pending");
            assertThat(running).isNotDone();
            assertThat(sluice("bob", "approvals", "approve", id, "--server", adminUrl(replicaB))[0])
                    .as("the same reviewer twice").isEqualTo("1");

            assertThat(sluice("carol", "approvals", "approve", id, "--server", adminUrl(replicaB))[0]).isEqualTo("0");
            running.get(30, TimeUnit.SECONDS);
            assertThat(status(replicaA, id)).isEqualTo("approved");
        }
    }

    @Test
    void aStatementNobodyDecidesTimesOutAndIsRecordedAsExpired() throws Exception {
        try (Connection c = connect(replicaA, "alice"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("analyze " + table))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("not approved: no decision within 2s");
            JsonNode request = latest(replicaA, "analyze " + table).orElseThrow();
            assertThat(request.path("status").asText()).isEqualTo("expired");
            assertThat(count(s)).isEqualTo(3);
        }
    }

    @Test
    void cancellingTheQueryWithdrawsTheRequest() throws Exception {
        try (Connection c = connect(replicaA, "alice"); Statement s = c.createStatement()) {
            CompletableFuture<Void> running = executeAsync(s, "truncate " + table);
            String id = awaitPending(replicaA, "truncate " + table).path("id").asText();
            s.cancel();

            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).cause()
                    .hasMessageContaining("withdrawn");
            Eventually.until("the request to be recorded as withdrawn",
                    () -> "withdrawn".equals(status(replicaB, id)));
            assertThat(count(s)).isEqualTo(3);
        }
    }

    @Test
    void aHeldClientLearnsWhenItsGatewayGoesAwayAndTheRequestIsKept() throws Exception {
        Gateway replicaC = startReplica("c");
        try (Connection c = connect(replicaC, "alice"); Statement s = c.createStatement()) {
            CompletableFuture<Void> running = executeAsync(s, "truncate " + table);
            String id = awaitPending(replicaA, "truncate " + table).path("id").asText();
            replicaC.close();

            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(SQLException.class);
            String status = status(replicaA, id);
            assertThat(status).isIn("withdrawn", "abandoned");
            assertThat(countDirectly()).isEqualTo(3);
        } finally {
            replicaC.close();
        }
    }

    // ------------------------------------------------------------------------------------- just-in-time access

    @Test
    void aJustInTimeGrantLetsAContractorInUntilItIsRevoked() throws Exception {
        assertThatThrownBy(() -> connect(replicaA, "dave")).isInstanceOf(SQLException.class)
                .hasMessageContaining("sluice access request clinic");

        String[] requested = sluice("dave", "access", "request", "clinic", "--for", "10m", "--reason",
                "INC-9: look at the failed import", "--server", adminUrl(replicaA));
        assertThat(requested[0]).as(requested[2]).isEqualTo("0");
        String requestId = requested[1].lines().filter(l -> l.contains("sluice approvals approve "))
                .map(l -> l.substring(l.lastIndexOf(' ') + 1).trim()).findFirst().orElseThrow();

        assertThat(sluice("bob", "approvals", "approve", requestId, "--server", adminUrl(replicaA))[0])
                .as("bob reviews statements, but this connection's grants are for leads").isEqualTo("1");
        String[] approved = sluice("leo", "approvals", "approve", requestId, "--server", adminUrl(replicaB));
        assertThat(approved[0]).as(approved[2]).isEqualTo("0");

        try (Connection c = connect(replicaA, "dave"); Statement s = c.createStatement()) {
            assertThat(count(s)).isEqualTo(3);
            JsonNode grant = grants(replicaA).stream()
                    .filter(g -> g.path("subject").asText().equals("dave") && g.path("active").asBoolean())
                    .findFirst().orElseThrow();
            String[] revoked = sluice("olga", "access", "revoke", grant.path("id").asText(), "--reason",
                    "import fixed", "--server", adminUrl(replicaB));
            assertThat(revoked[0]).as(revoked[2]).isEqualTo("0");

            Eventually.until("dave's open session on replica A to end once the grant is revoked on B",
                    () -> queryFails(s));
        }
        assertThatThrownBy(() -> connect(replicaA, "dave")).isInstanceOf(SQLException.class)
                .hasMessageContaining("may not use connection");
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private static Gateway startReplica(String name) throws Exception {
        Path replicaDir = Files.createDirectories(dir.resolve(name));
        Files.copy(dir.resolve("webhook-secret"), replicaDir.resolve("webhook-secret"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path file = replicaDir.resolve("sluice.yaml");
        Files.writeString(file, """
                gateway:
                  data_dir: ./data
                admin:
                  listen: 127.0.0.1:0
                  admin_groups: [ops]
                  reviewer_groups: [reviewers]
                listeners:
                  - name: pg
                    protocol: postgresql
                    listen: 127.0.0.1:0
                connections:
                  - name: clinic
                    type: postgresql
                    listener: pg
                    target: { host: 127.0.0.1, port: %1$d, database: postgres, tls: disable }
                    credentials: { username: postgres }
                    access:
                      groups: [dev]
                      jit: { requesters: [contractors], approvers: [leads], max_window: 1h, on_expiry: end }
                    policy: guarded
                store: postgresql://postgres@127.0.0.1:%1$d/sluice_store?sslmode=disable
                notifications:
                  webhooks:
                    - name: reviewers
                      url: http://127.0.0.1:%2$d/hook
                      format: json
                      secret: ${file:webhook-secret}
                policies:
                  - name: guarded
                    presets: [unbounded-write]
                    rules:
                      - name: truncate-needs-review
                        when: 'statement.kind == "TRUNCATE"'
                        action: review
                        message: emptying a table needs a reviewer
                        approvers: [reviewers]
                        timeout: 1m
                        notify: [reviewers]
                      - name: drop-needs-two
                        when: 'statement.kind == "DROP"'
                        action: review
                        approvers: [reviewers]
                        min_approvals: 2
                        timeout: 1m
                      - name: analyze-is-quick
                        when: 'statement.kind == "ANALYZE"'
                        action: review
                        timeout: 2s
                """.formatted(postgres.getPort(), receiver.getAddress().getPort()));
        return Gateway.start(ConfigLoader.load(file, Map.of()), ProtocolRegistry.standard());
    }

    private static Connection connect(Gateway gateway, String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + gateway.port("pg") + "/clinic?user="
                + user + "&password=" + keys.get(user));
    }

    private static String adminUrl(Gateway gateway) {
        return "http://127.0.0.1:" + gateway.adminPort().orElseThrow();
    }

    /** Runs {@code sluice ARGS} in-process as {@code user} (their key in SLUICE_TOKEN); exit code, stdout, stderr. */
    private static String[] sluice(String user, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("SLUICE_TOKEN", keys.get(user), "SLUICE_HOME",
                dir.resolve("cli-" + user).toString());
        int code = SluiceCli.execute(CliEnvironment.of(env, new ByteArrayInputStream(new byte[0]), dir),
                new PrintWriter(out), new PrintWriter(err), args);
        return new String[]{String.valueOf(code), out.toString(), err.toString()};
    }

    private static JsonNode api(Gateway gateway, String user, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(adminUrl(gateway) + path))
                    .header("Authorization", "Bearer " + keys.get(user)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest request (any status) whose statement is exactly {@code statement}, as reviewer bob sees it. */
    private static Optional<JsonNode> latest(Gateway gateway, String statement) {
        for (JsonNode request : api(gateway, "bob", "/api/v1/approvals?status=all&limit=1000").path("items")) {
            if (request.path("statement").asText().equals(statement)) {
                return Optional.of(request);
            }
        }
        return Optional.empty();
    }

    private static JsonNode awaitPending(Gateway gateway, String statement) throws InterruptedException {
        Eventually.until("a pending request for: " + statement, () -> latest(gateway, statement)
                .filter(r -> r.path("status").asText().equals("pending")).isPresent());
        return latest(gateway, statement).orElseThrow();
    }

    private static String status(Gateway gateway, String id) {
        return api(gateway, "bob", "/api/v1/approvals/" + id).path("status").asText();
    }

    private static List<JsonNode> grants(Gateway gateway) {
        List<JsonNode> all = new ArrayList<>();
        api(gateway, "olga", "/api/v1/grants").path("items").forEach(all::add);
        return all;
    }

    private static CompletableFuture<Void> executeAsync(Statement s, String sql) {
        return CompletableFuture.runAsync(() -> {
            try {
                s.execute(sql);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
    }

    private int count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private int countDirectly() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            return count(s);
        }
    }

    private static boolean queryFails(Statement s) {
        try (ResultSet rs = s.executeQuery("select 1")) {
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    private static String hmac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
