package dev.sluice.app.metrics;

import dev.sluice.core.gateway.GatewayMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The gateway's metrics, built once at the composition root: a Prometheus registry with the JVM's metrics, the
 * {@link GatewayMetrics} the protocol modules report to, and the audit log's backlog gauges. The admin server
 * scrapes {@link #registry()}.
 */
public final class SluiceMetrics implements AutoCloseable {

    /** {@code sluice_audit_pending_events}: audit events accepted but not yet durable. */
    public static final String AUDIT_PENDING = "sluice.audit.pending.events";
    /** {@code sluice_audit_lost_events_total}: audit events that could not be written (non-fail-closed mode). */
    public static final String AUDIT_LOST = "sluice.audit.lost.events";

    private final PrometheusMeterRegistry registry;
    private final JvmMetrics jvm;
    private final MicrometerGatewayMetrics gateway;
    /**
     * Holds the audit suppliers strongly: Micrometer keeps only a weak reference to a function counter's source,
     * and a method reference handed in by the caller would otherwise be collected and read as NaN.
     */
    private final AtomicReference<AuditBacklog> auditBacklog = new AtomicReference<>();

    private record AuditBacklog(LongSupplier pending, LongSupplier lost) {
    }

    private SluiceMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.jvm = JvmMetrics.bindTo(registry);
        this.gateway = new MicrometerGatewayMetrics(registry);
    }

    public static SluiceMetrics create() {
        return new SluiceMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** The registry to scrape, and to add meters of other components to. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** What protocol modules report to (hand it over in {@code GatewayServices}). */
    public GatewayMetrics gateway() {
        return gateway;
    }

    /**
     * Exposes the audit log's backlog. Both suppliers are read at scrape time, on the scraping thread, so they
     * must be cheap and must not block.
     *
     * @param pending events accepted but not yet durable (a gauge)
     * @param lost    events dropped since start (monotonic; exposed as a counter)
     * @throws IllegalStateException when called a second time (Micrometer would silently keep the first pair)
     */
    public void registerAuditGauges(LongSupplier pending, LongSupplier lost) {
        AuditBacklog backlog = new AuditBacklog(Objects.requireNonNull(pending, "pending"),
                Objects.requireNonNull(lost, "lost"));
        if (!auditBacklog.compareAndSet(null, backlog)) {
            throw new IllegalStateException("audit gauges are already registered");
        }
        Gauge.builder(AUDIT_PENDING, backlog.pending(), LongSupplier::getAsLong)
                .description("Audit events accepted but not yet durable")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder(AUDIT_LOST, backlog.lost(), LongSupplier::getAsLong)
                .description("Audit events that could not be written")
                .register(registry);
    }

    @Override
    public void close() {
        jvm.close();
        registry.close();
    }
}
