package dev.sluice.app.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code sluice_webhook_deliveries_total{webhook, outcome}}: notifications delivered, given up on after the last
 * attempt ({@code failed}), or never sent because the webhook's queue was full or the gateway stopped
 * ({@code dropped}). Webhook names come from the configuration, so the tag's values are bounded.
 */
final class DeliveryCounters {

    static final String NAME = "sluice.webhook.deliveries";

    private final Counter delivered;
    private final Counter failed;
    private final Counter dropped;

    DeliveryCounters(MeterRegistry registry, String webhook) {
        this.delivered = counter(registry, webhook, "delivered");
        this.failed = counter(registry, webhook, "failed");
        this.dropped = counter(registry, webhook, "dropped");
    }

    private static Counter counter(MeterRegistry registry, String webhook, String outcome) {
        return Counter.builder(NAME)
                .description("Approval notifications by webhook and outcome")
                .tag("webhook", webhook)
                .tag("outcome", outcome)
                .register(registry);
    }

    void delivered() {
        delivered.increment();
    }

    void failed() {
        failed.increment();
    }

    void dropped(int count) {
        dropped.increment(count);
    }
}
