package dev.sluice.app.admin;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.metrics.MicrometerGatewayMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JWKS = """
            {"keys":[{"kty":"EC","crv":"P-256","kid":"local-1","use":"sig","alg":"ES256",\
            "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}""";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private AdminServer server;

    @AfterEach
    void stopEverything() {
        if (server != null) {
            server.close();
        }
        http.close();
        registry.close();
    }

    private AdminServer start(BooleanSupplier ready, Optional<Supplier<String>> jwks) throws IOException {
        InetSocketAddress loopbackAnyPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = new AdminServer(new AdminSettings(loopbackAnyPort, ready, registry, jwks, FakeApi.services()));
        return server;
    }

    private AdminServer start() throws IOException {
        return start(() -> true, Optional.empty());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void portZeroBindsAFreePortThatIsReportedBack() throws Exception {
        start();

        assertThat(server.port()).isPositive();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void healthzAnswersOkWhileTheProcessRuns() throws Exception {
        start(() -> false, Optional.empty());

        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo("application/json");
        assertThat(json(response).get("status").asText()).isEqualTo("ok");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void readyzFollowsTheReadinessCheck() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        start(ready::get, Optional.empty());

        HttpResponse<String> before = get("/readyz");
        ready.set(true);
        HttpResponse<String> after = get("/readyz");

        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(contentType(before)).isEqualTo("application/json");
        assertThat(json(before).get("status").asText()).isEqualTo("not-ready");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(json(after).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void aReadinessCheckThatThrowsCountsAsNotReadyAndIsLoggedOnceWithoutItsMessage() throws Exception {
        try (CapturedLogs logs = CapturedLogs.of(Readiness.class)) {
            start(() -> {
                throw new IllegalStateException("store at db.internal:5432 unreachable");
            }, Optional.empty());

            HttpResponse<String> first = get("/readyz");
            HttpResponse<String> second = get("/readyz");

            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(first.body()).doesNotContain("db.internal");
            assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage())
                            .contains("IllegalStateException").doesNotContain("db.internal"));
        }
    }

    @Test
    void drainingMakesReadyzRefuseForGoodWhileHealthzStaysOk() throws Exception {
        start();
        assertThat(get("/readyz").statusCode()).isEqualTo(200);

        server.markDraining();

        HttpResponse<String> readyz = get("/readyz");
        assertThat(readyz.statusCode()).isEqualTo(503);
        assertThat(json(readyz).get("status").asText()).isEqualTo("draining");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsServesPrometheusTextWithTheGatewayMeters() throws Exception {
        MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);
        start();
        metrics.sessionOpened("postgresql");
        metrics.commandCompleted("postgresql", "deny", 1_000_000, false);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE sluice_sessions_total counter")
                .contains("sluice_sessions_total{protocol=\"postgresql\"} 1.0")
                .contains("sluice_commands_total{failed=\"false\",outcome=\"deny\",protocol=\"postgresql\"} 1.0")
                .contains("sluice_sessions_active 1.0");
    }

    @Test
    void jwksIsServedVerbatimWithAShortCacheLifetime() throws Exception {
        start(() -> true, Optional.of(() -> JWKS));

        HttpResponse<String> response = get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(JWKS);
        assertThat(contentType(response)).isEqualTo("application/json");
        assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=300");
    }

    @Test
    void jwksIsNotFoundWithoutALocalIssuer() throws Exception {
        start();

        HttpResponse<String> response = get("/.well-known/jwks.json");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error").asText()).isEqualTo("not-found");
    }

    @Test
    void aFailingJwksSupplierAnswers500WithoutItsMessage() throws Exception {
        try (CapturedLogs logs = CapturedLogs.of(AdminRouter.class)) {
            start(() -> true, Optional.of(() -> {
                throw new IllegalStateException("key file /etc/sluice/issuer.key unreadable");
            }));

            HttpResponse<String> response = get("/.well-known/jwks.json");
            server.close(); // waits for the exchange (and its log line) to finish

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(json(response).get("error").asText()).isEqualTo("internal-error");
            assertThat(response.body()).doesNotContain("issuer.key");
            assertThat(logs.messages()).anySatisfy(m -> assertThat(m).contains("IllegalStateException"))
                    .allSatisfy(m -> assertThat(m).doesNotContain("issuer.key"));
        }
    }

    @Test
    void unknownPathIsNotFoundInJson() throws Exception {
        start();

        HttpResponse<String> response = get("/admin/secrets");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).isEqualTo("application/json");
        assertThat(json(response).get("error").asText()).isEqualTo("not-found");
    }

    @Test
    void wrongMethodIsRefusedWithAllowHeader() throws Exception {
        start();

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/healthz"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
        assertThat(json(response).get("error").asText()).isEqualTo("method-not-allowed");
    }

    @Test
    void requestLogsNeverCarryHeadersOrQueryStrings() throws Exception {
        try (CapturedLogs logs = CapturedLogs.of(AdminRouter.class)) {
            start();
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/metrics?access_token=qs-secret-123"))
                    .header("Authorization", "Bearer hdr-secret-456").GET().build());
            server.close(); // waits for the exchange (and its log line) to finish

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(logs.messages())
                    .anySatisfy(line -> assertThat(line).contains("GET /metrics").contains("200"))
                    .allSatisfy(line -> assertThat(line).doesNotContain("secret").doesNotContain("Bearer"));
        }
    }

    @Test
    void afterCloseThePortNoLongerAnswers() throws Exception {
        start();
        URI health = uri("/healthz");

        server.close();
        server.close(); // a second close is harmless

        try (HttpClient fresh = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void anAddressInUseIsReportedWithTheAddress() throws Exception {
        start();
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());

        assertThatThrownBy(() -> {
            try (AdminServer second = new AdminServer(new AdminSettings(taken, () -> true, registry, Optional.empty(),
                    FakeApi.services()))) {
                assertThat(second.port()).as("a second server must not bind a taken port").isNegative();
            }
        })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("admin server cannot listen on")
                .hasMessageContaining(String.valueOf(server.port()));
    }
}
