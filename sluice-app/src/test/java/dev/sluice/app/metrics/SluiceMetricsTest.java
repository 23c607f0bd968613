package dev.sluice.app.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SluiceMetricsTest {

    @Test
    void scrapeCarriesJvmMemoryThreadAndGcMetrics() {
        try (SluiceMetrics metrics = SluiceMetrics.create()) {
            PrometheusScrape scrape = PrometheusScrape.of(metrics.registry().scrape());

            assertThat(scrape.hasFamilyStartingWith("jvm_memory_used_bytes{")).isTrue();
            assertThat(scrape.hasFamilyStartingWith("jvm_threads_live_threads")).isTrue();
            assertThat(scrape.hasFamilyStartingWith("jvm_gc_")).isTrue();
            assertThat(scrape.hasFamilyStartingWith("process_uptime_seconds")).isTrue();
        }
    }

    @Test
    void gatewayMetricsLandInTheSameRegistry() {
        try (SluiceMetrics metrics = SluiceMetrics.create()) {
            metrics.gateway().sessionOpened("postgresql");

            PrometheusScrape scrape = PrometheusScrape.of(metrics.registry().scrape());
            assertThat(scrape.value("sluice_sessions_total{protocol=\"postgresql\"}")).contains(1.0);
        }
    }

    @Test
    void auditGaugesReadTheSuppliersAtScrapeTime() {
        AtomicLong pending = new AtomicLong(3);
        AtomicLong lost = new AtomicLong();
        try (SluiceMetrics metrics = SluiceMetrics.create()) {
            metrics.registerAuditGauges(pending::get, lost::get);
            pending.set(7);
            lost.set(2);

            PrometheusScrape scrape = PrometheusScrape.of(metrics.registry().scrape());
            assertThat(scrape.value("sluice_audit_pending_events")).contains(7.0);
            assertThat(scrape.type("sluice_audit_pending_events")).contains("gauge");
            assertThat(scrape.value("sluice_audit_lost_events_total")).contains(2.0);
            assertThat(scrape.type("sluice_audit_lost_events_total")).contains("counter");
        }
    }

    @Test
    void auditGaugesSurviveAGarbageCollectionOfTheCallersLambdas() {
        AtomicLong pending = new AtomicLong(5);
        AtomicLong lost = new AtomicLong(1);
        try (SluiceMetrics metrics = SluiceMetrics.create()) {
            metrics.registerAuditGauges(() -> pending.get(), () -> lost.get());
            System.gc();

            PrometheusScrape scrape = PrometheusScrape.of(metrics.registry().scrape());
            assertThat(scrape.value("sluice_audit_pending_events")).contains(5.0);
            assertThat(scrape.value("sluice_audit_lost_events_total")).contains(1.0);
        }
    }

    @Test
    void auditGaugesCanBeRegisteredOnlyOnce() {
        try (SluiceMetrics metrics = SluiceMetrics.create()) {
            metrics.registerAuditGauges(() -> 0, () -> 0);

            assertThatThrownBy(() -> metrics.registerAuditGauges(() -> 1, () -> 1))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
