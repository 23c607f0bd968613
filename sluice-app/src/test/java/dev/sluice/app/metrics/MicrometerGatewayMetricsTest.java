package dev.sluice.app.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class MicrometerGatewayMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(registry.scrape());
    }

    @Test
    void openedSessionsAreCountedPerProtocolAndActiveOnesGaugedOverall() {
        metrics.sessionOpened("postgresql");
        metrics.sessionOpened("postgresql");
        metrics.sessionOpened("mysql");
        metrics.sessionClosed("postgresql");

        PrometheusScrape scrape = scrape();
        assertThat(scrape.value("sluice_sessions_total{protocol=\"postgresql\"}")).contains(2.0);
        assertThat(scrape.value("sluice_sessions_total{protocol=\"mysql\"}")).contains(1.0);
        assertThat(scrape.type("sluice_sessions_total")).contains("counter");
        assertThat(scrape.value("sluice_sessions_active")).contains(2.0);
        assertThat(scrape.type("sluice_sessions_active")).contains("gauge");
    }

    @Test
    void activeSessionsNeverGoNegativeOnAnUnmatchedClose() {
        metrics.sessionClosed("postgresql");

        assertThat(scrape().value("sluice_sessions_active")).contains(0.0);
    }

    @Test
    void refusalsAreCountedByProtocolAndCode() {
        metrics.sessionRefused("postgresql", "bad-credential");
        metrics.sessionRefused("postgresql", "bad-credential");
        metrics.sessionRefused("postgresql", "limit");

        PrometheusScrape scrape = scrape();
        assertThat(scrape.value("sluice_sessions_refused_total{code=\"bad-credential\",protocol=\"postgresql\"}"))
                .contains(2.0);
        assertThat(scrape.value("sluice_sessions_refused_total{code=\"limit\",protocol=\"postgresql\"}"))
                .contains(1.0);
    }

    @Test
    void completedCommandsAreCountedByOutcomeAndFailure() {
        metrics.commandCompleted("postgresql", "allow", TimeUnit.MILLISECONDS.toNanos(3), false);
        metrics.commandCompleted("postgresql", "allow", TimeUnit.MILLISECONDS.toNanos(4), true);
        metrics.commandCompleted("postgresql", "deny", TimeUnit.MICROSECONDS.toNanos(200), false);

        PrometheusScrape scrape = scrape();
        assertThat(scrape.value(
                "sluice_commands_total{failed=\"false\",outcome=\"allow\",protocol=\"postgresql\"}")).contains(1.0);
        assertThat(scrape.value(
                "sluice_commands_total{failed=\"true\",outcome=\"allow\",protocol=\"postgresql\"}")).contains(1.0);
        assertThat(scrape.value(
                "sluice_commands_total{failed=\"false\",outcome=\"deny\",protocol=\"postgresql\"}")).contains(1.0);
    }

    @Test
    void commandDurationsFormAPrometheusHistogramInSeconds() {
        metrics.commandCompleted("postgresql", "allow", TimeUnit.MILLISECONDS.toNanos(3), false);
        metrics.commandCompleted("postgresql", "allow", TimeUnit.MILLISECONDS.toNanos(40), false);
        metrics.commandCompleted("postgresql", "review", TimeUnit.SECONDS.toNanos(90), false);

        PrometheusScrape scrape = scrape();
        assertThat(scrape.type("sluice_command_duration_seconds")).contains("histogram");
        assertThat(scrape.value("sluice_command_duration_seconds_count{protocol=\"postgresql\"}")).contains(3.0);
        assertThat(scrape.value("sluice_command_duration_seconds_sum{protocol=\"postgresql\"}"))
                .hasValueSatisfying(sum -> assertThat(sum).isCloseTo(90.043, offset(1e-6)));
        assertThat(scrape.value("sluice_command_duration_seconds_bucket{protocol=\"postgresql\",le=\"0.001\"}"))
                .contains(0.0);
        assertThat(scrape.value("sluice_command_duration_seconds_bucket{protocol=\"postgresql\",le=\"0.005\"}"))
                .contains(1.0);
        assertThat(scrape.value("sluice_command_duration_seconds_bucket{protocol=\"postgresql\",le=\"0.05\"}"))
                .contains(2.0);
        assertThat(scrape.value("sluice_command_duration_seconds_bucket{protocol=\"postgresql\",le=\"60.0\"}"))
                .contains(2.0);
        assertThat(scrape.value("sluice_command_duration_seconds_bucket{protocol=\"postgresql\",le=\"+Inf\"}"))
                .contains(3.0);
    }

    @Test
    void relayedBytesAreCountedPerDirection() {
        metrics.bytes("postgresql", 120, 4_000);
        metrics.bytes("postgresql", 30, 0);

        PrometheusScrape scrape = scrape();
        assertThat(scrape.value("sluice_bytes_total{direction=\"from-client\",protocol=\"postgresql\"}"))
                .contains(150.0);
        assertThat(scrape.value("sluice_bytes_total{direction=\"to-client\",protocol=\"postgresql\"}"))
                .contains(4000.0);
    }

    @Test
    void protocolErrorsAreCountedByKind() {
        metrics.protocolError("postgresql", "malformed");
        metrics.protocolError("postgresql", "oversized");
        metrics.protocolError("postgresql", "malformed");

        PrometheusScrape scrape = scrape();
        assertThat(scrape.value("sluice_protocol_errors_total{kind=\"malformed\",protocol=\"postgresql\"}"))
                .contains(2.0);
        assertThat(scrape.value("sluice_protocol_errors_total{kind=\"oversized\",protocol=\"postgresql\"}"))
                .contains(1.0);
    }

    @Test
    void aKindThatIsNotACodeIsCountedAsOther() {
        metrics.protocolError("postgresql", "Connection reset by 10.0.0.7 for alice@clinic.example");

        PrometheusScrape scrape = scrape();
        assertThat(scrape.value("sluice_protocol_errors_total{kind=\"other\",protocol=\"postgresql\"}"))
                .contains(1.0);
        assertThat(scrape.text()).doesNotContain("alice").doesNotContain("10.0.0.7");
    }

    @Test
    void tagValuesStayBoundedWhateverCallersPass() {
        for (int i = 0; i < 500; i++) {
            metrics.sessionRefused("postgresql", "code-" + i);
        }

        PrometheusScrape scrape = scrape();
        long refusalSeries = scrape.series().keySet().stream()
                .filter(s -> s.startsWith("sluice_sessions_refused_total{")).count();
        assertThat(refusalSeries).isLessThanOrEqualTo(33);
        assertThat(scrape.value("sluice_sessions_refused_total{code=\"other\",protocol=\"postgresql\"}"))
                .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(468.0));
        double total = scrape.series().entrySet().stream()
                .filter(e -> e.getKey().startsWith("sluice_sessions_refused_total{"))
                .mapToDouble(Map.Entry::getValue).sum();
        assertThat(total).isEqualTo(500.0);
    }
}
