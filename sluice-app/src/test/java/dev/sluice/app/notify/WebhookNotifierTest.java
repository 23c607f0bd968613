package dev.sluice.app.notify;

import dev.sluice.app.Eventually;
import dev.sluice.app.admin.CapturedLogs;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.app.config.WebhookConfig;
import dev.sluice.core.connection.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Deliveries against a local receiver: signature, payloads, retries, and a caller that is never held. */
class WebhookNotifierTest {

    private static final String SECRET = "whsec-distinctive-test-key";
    private static final URI PUBLIC_URL = URI.create("https://sluice.example.com:9090/");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Millisecond backoff: the tests wait for outcomes, not for real-world delays. */
    private static final NotifierSettings FAST = new NotifierSettings(100, 2,
            new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(50), () -> 0.5),
            Clock.systemUTC(), Duration.ofSeconds(5));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TestReceiver receiver;
    private WebhookNotifier notifier;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        receiver.close();
    }

    @Test
    void aJsonDeliveryArrivesWithASignatureThatVerifiesWithTheSecret() throws Exception {
        notifier = notifier(webhook("audit-sink", WebhookConfig.Format.JSON, 5), FAST);
        long before = Instant.now().getEpochSecond();

        notifier.requested(Requests.statement("req-42"), List.of("audit-sink"));

        Eventually.until("the receiver got the delivery", () -> receiver.count() == 1);
        TestReceiver.Received got = receiver.received().getFirst();
        long timestamp = Long.parseLong(got.header("X-Sluice-Timestamp"));
        assertThat(timestamp).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
        assertThat(got.header("X-Sluice-Signature")).isEqualTo("v1=" + hmac(SECRET, timestamp, got.body()));
        assertThat(got.header("X-Sluice-Signature")).isNotEqualTo("v1=" + hmac("another-key", timestamp, got.body()));
        assertThat(got.header("X-Sluice-Delivery")).matches("[0-9a-f-]{36}");
        assertThat(got.header("X-Sluice-Event")).isEqualTo("approval.requested");
        assertThat(got.header("Content-Type")).startsWith("application/json");

        JsonNode body = JSON.readTree(got.body());
        assertThat(body.path("event").asText()).isEqualTo("approval.requested");
        JsonNode request = body.path("request");
        assertThat(request.path("id").asText()).isEqualTo("req-42");
        assertThat(request.path("kind").asText()).isEqualTo("statement");
        assertThat(request.path("status").asText()).isEqualTo("pending");
        assertThat(request.path("connection").asText()).isEqualTo("clinic");
        assertThat(request.path("requester").asText()).isEqualTo("alice@example.com");
        assertThat(request.path("rule").asText()).isEqualTo("drop-needs-dba");
        assertThat(request.path("statement").asText()).isEqualTo("DROP TABLE staging_visits");
        assertThat(request.path("justification").asText()).isEqualTo("cleaning up the staging copy");
        assertThat(request.path("approver_groups").toString()).isEqualTo("[\"dba\"]");
        assertThat(request.path("min_approvals").asInt()).isEqualTo(2);
        assertThat(request.path("approvals").asInt()).isZero();
        assertThat(request.path("created_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(request.path("expires_at").asText()).isEqualTo("2026-03-01T10:10:00Z");
        assertThat(request.path("resolution").asText()).isEmpty();
        assertThat(body.path("links").path("request").asText())
                .isEqualTo("https://sluice.example.com:9090/api/v1/approvals/req-42");
        Eventually.until("the delivery was counted", () -> count("delivered") == 1);
    }

    @Test
    void aSlackDeliveryShowsTheStatementEscapedInsideItsCodeBlock() throws Exception {
        notifier = notifier(webhook("slack-dba", WebhookConfig.Format.SLACK, 5), FAST);
        String statement = "SELECT '```' AS fence, '<script>alert(1)</script>' AS tag, 1 & 2 AS bits";

        notifier.requested(Requests.statement("req-7", statement), List.of("slack-dba"));

        Eventually.until("the receiver got the delivery", () -> receiver.count() == 1);
        JsonNode body = JSON.readTree(receiver.received().getFirst().body());
        assertThat(body.path("text").asText()).contains("sluice approvals approve req-7").doesNotContain("DROP", "SELECT");
        JsonNode blocks = body.path("blocks");
        assertThat(types(blocks)).containsExactly("header", "section", "section", "section", "context");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Approval needed: drop-needs-dba");
        List<String> fields = blocks.get(1).path("fields").findValuesAsText("text");
        assertThat(fields).contains("*Requester*\nAlice Example (alice@example.com)", "*Connection*\nclinic",
                "*Rule*\ndrop-needs-dba", "*Approvers*\ndba\n0 of 2 approvals");
        assertThat(fields).anySatisfy(f -> assertThat(f).startsWith("*Expires*\n<!date^1772359800^"));

        String code = blocks.get(2).path("text").path("text").asText();
        assertThat(code).startsWith("```\n").endsWith("\n```");
        assertThat(code.split("```", -1)).as("only the opening and closing fences").hasSize(3);
        assertThat(code).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "1 &amp; 2").doesNotContain("<script>");
        assertThat(code.replace("\u200B", "")).isEqualTo("```\n" + statement.replace("&", "&amp;")
                .replace("<", "&lt;").replace(">", "&gt;") + "\n```");

        assertThat(blocks.get(3).path("text").path("text").asText())
                .isEqualTo("*Justification*\ncleaning up the staging copy");
        assertThat(blocks.get(4).path("elements").get(0).path("text").asText()).isEqualTo(
                "Request `req-7` · approve with `sluice approvals approve req-7` · "
                        + "<https://sluice.example.com:9090/api/v1/approvals/req-7|full request>");
    }

    @Test
    void aServerErrorIsRetriedUntilTheReceiverAccepts() throws Exception {
        receiver.answer(500, 503);
        notifier = notifier(webhook("audit-sink", WebhookConfig.Format.JSON, 5), FAST);

        notifier.resolved(Requests.statement("req-1"), List.of("audit-sink"));

        Eventually.until("the delivery was accepted", () -> count("delivered") == 1);
        assertThat(receiver.count()).isEqualTo(3);
        assertThat(receiver.received()).extracting(r -> r.header("X-Sluice-Delivery")).containsOnly(
                receiver.received().getFirst().header("X-Sluice-Delivery"));
        assertThat(receiver.received()).extracting(r -> r.header("X-Sluice-Event")).containsOnly("approval.resolved");
        assertThat(count("failed")).isZero();
    }

    @Test
    void tooManyRequestsIsRetriedAndABadRequestIsNot() throws Exception {
        receiver.answer(429, Map.of("Retry-After", "0")).answer(400);
        notifier = notifier(webhook("audit-sink", WebhookConfig.Format.JSON, 5), FAST);

        try (CapturedLogs logs = CapturedLogs.of(WebhookChannel.class)) {
            notifier.requested(Requests.statement("req-400", "DELETE FROM visits -- distinctive-statement"),
                    List.of("audit-sink"));

            Eventually.until("the delivery was given up", () -> count("failed") == 1);
            assertThat(receiver.count()).as("the 429 retried once, the 400 not at all").isEqualTo(2);
            assertThat(warnings(logs)).singleElement().satisfies(line -> assertThat(line)
                    .contains("audit-sink", "req-400", "HTTP 400", "2 attempts")
                    .doesNotContain("query-secret", "127.0.0.1", SECRET, "distinctive-statement"));
        }
    }

    @Test
    void attemptsStopAtMaxAttemptsWithOneWarning() throws Exception {
        receiver.answer(502, 502, 502, 502);
        notifier = notifier(webhook("audit-sink", WebhookConfig.Format.JSON, 3), FAST);

        try (CapturedLogs logs = CapturedLogs.of(WebhookChannel.class)) {
            notifier.requested(Requests.statement("req-3"), List.of("audit-sink"));

            Eventually.until("the delivery was given up", () -> count("failed") == 1);
            assertThat(receiver.count()).isEqualTo(3);
            assertThat(warnings(logs)).singleElement().satisfies(line -> assertThat(line)
                    .contains("gave up", "req-3", "3 attempts", "HTTP 502").doesNotContain("query-secret"));
        }
    }

    @Test
    void aReceiverThatDoesNotAnswerNeverHoldsTheCaller() throws Exception {
        CountDownLatch held = receiver.hold();
        notifier = notifier(webhook("audit-sink", WebhookConfig.Format.JSON, 5), FAST);

        notifier.requested(Requests.statement("req-a"), List.of("audit-sink"));
        Eventually.until("the receiver holds the first delivery", () -> receiver.count() == 1);
        for (int i = 0; i < 50; i++) {
            notifier.requested(Requests.statement("req-b" + i), List.of("audit-sink"));
            notifier.resolved(Requests.statement("req-b" + i), List.of("audit-sink"));
        }

        assertThat(held.getCount()).as("every call returned while the receiver still held a request").isEqualTo(1);
        receiver.release();
        Eventually.until("everything was delivered", () -> count("delivered") == 101);
    }

    @Test
    void aFullQueueDropsTheNotificationWithAWarning() throws Exception {
        receiver.hold();
        NotifierSettings oneSlot = new NotifierSettings(1, 1, FAST.backoff(), FAST.clock(), FAST.closeWait());
        notifier = notifier(webhook("audit-sink", WebhookConfig.Format.JSON, 5), oneSlot);

        try (CapturedLogs logs = CapturedLogs.of(WebhookChannel.class)) {
            notifier.requested(Requests.statement("req-sent"), List.of("audit-sink"));
            Eventually.until("the worker is busy with the first", () -> receiver.count() == 1);
            notifier.requested(Requests.statement("req-waits"), List.of("audit-sink"));
            notifier.requested(Requests.statement("req-dropped"), List.of("audit-sink"));

            assertThat(count("dropped")).isEqualTo(1);
            assertThat(warnings(logs)).singleElement().satisfies(line -> assertThat(line)
                    .contains("audit-sink", "dropped", "approval.requested", "req-dropped"));
        }
        receiver.release();
        Eventually.until("the two queued were delivered", () -> count("delivered") == 2);
        assertThat(receiver.received()).extracting(r -> JSON.readTree(r.body()).path("request").path("id").asText())
                .containsExactly("req-sent", "req-waits");
    }

    @Test
    void closingDropsWhatIsPendingAndSaysHowMany() throws Exception {
        receiver.hold();
        NotifierSettings oneWorker = new NotifierSettings(10, 1, FAST.backoff(), FAST.clock(), FAST.closeWait());
        notifier = notifier(webhook("audit-sink", WebhookConfig.Format.JSON, 5), oneWorker);
        notifier.requested(Requests.statement("req-1"), List.of("audit-sink"));
        Eventually.until("the worker is busy", () -> receiver.count() == 1);
        notifier.requested(Requests.statement("req-2"), List.of("audit-sink"));
        notifier.requested(Requests.statement("req-3"), List.of("audit-sink"));

        try (CapturedLogs logs = CapturedLogs.of(WebhookChannel.class)) {
            notifier.close();

            assertThat(warnings(logs)).containsExactly("webhook audit-sink: dropped 3 pending notifications at shutdown");
        }
        assertThat(count("dropped")).isEqualTo(3);
        notifier.requested(Requests.statement("req-4"), List.of("audit-sink")); // after close: dropped, no exception
        assertThat(count("dropped")).isEqualTo(4);
        notifier = null;
    }

    @Test
    void onlyTheNamedWebhooksAreUsedAndAnUnknownNameIsLogged() throws Exception {
        try (TestReceiver other = new TestReceiver()) {
            notifier = new WebhookNotifier(List.of(webhook("audit-sink", WebhookConfig.Format.JSON, 5),
                    new WebhookConfig("other", other.url(), WebhookConfig.Format.JSON, Optional.of(Secret.of(SECRET)),
                            Duration.ofSeconds(5), 5)), PUBLIC_URL, registry, FAST);

            try (CapturedLogs logs = CapturedLogs.of(WebhookNotifier.class)) {
                notifier.requested(Requests.statement("req-9"), List.of("audit-sink", "audit-sink", "nope"));

                assertThat(warnings(logs)).containsExactly("no webhook named 'nope' is configured: "
                        + "the approval.requested notification for request req-9 is not sent");
            }
            Eventually.until("the named webhook got it", () -> count("delivered") == 1);
            notifier.requested(Requests.statement("req-10"), List.of());
            notifier.requested(Requests.statement("req-11"), List.of("other"));
            Eventually.until("the other webhook got its own", () -> other.count() == 1);
            assertThat(receiver.count()).isEqualTo(1);
        }
    }

    private WebhookNotifier notifier(WebhookConfig webhook, NotifierSettings settings) {
        return new WebhookNotifier(List.of(webhook), PUBLIC_URL, registry, settings);
    }

    private WebhookConfig webhook(String name, WebhookConfig.Format format, int maxAttempts) {
        Optional<Secret> secret = format == WebhookConfig.Format.JSON ? Optional.of(Secret.of(SECRET)) : Optional.empty();
        return new WebhookConfig(name, receiver.url(), format, secret, Duration.ofSeconds(5), maxAttempts);
    }

    private double count(String outcome) {
        return registry.find(DeliveryCounters.NAME).tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static List<String> warnings(CapturedLogs logs) {
        return logs.events().stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static List<String> types(JsonNode blocks) {
        return java.util.stream.StreamSupport.stream(blocks.spliterator(), false).map(b -> b.path("type").asText())
                .toList();
    }

    private static String hmac(String key, long timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
