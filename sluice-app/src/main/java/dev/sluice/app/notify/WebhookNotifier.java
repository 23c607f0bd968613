package dev.sluice.app.notify;

import dev.sluice.app.config.NotificationsConfig;
import dev.sluice.app.config.WebhookConfig;
import dev.sluice.core.approval.ApprovalNotifier;
import dev.sluice.core.approval.ApprovalRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Announces approval requests on the configured webhooks ({@code notifications.webhooks}). A call queues one
 * delivery per webhook the rule names and returns at once; sending, retrying and giving up happen on each
 * webhook's own virtual-thread workers ({@link WebhookChannel}), so a slow, failing or hanging receiver never holds
 * the session whose statement waits for approval, and never holds another webhook either. Nothing here throws to
 * the caller.
 */
public final class WebhookNotifier implements ApprovalNotifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    private final Map<String, WebhookChannel> channels = new LinkedHashMap<>();

    /**
     * Builds the notifier for {@code config} and starts its workers (none when no webhook is configured).
     *
     * @param publicUrl where people reach the admin API ({@code admin.public_url}); links point below it
     * @param registry  where the {@code sluice.webhook.deliveries} counters go
     */
    public static WebhookNotifier create(NotificationsConfig config, URI publicUrl, MeterRegistry registry) {
        return new WebhookNotifier(config.webhooks(), publicUrl, registry, NotifierSettings.DEFAULTS);
    }

    WebhookNotifier(List<WebhookConfig> webhooks, URI publicUrl, MeterRegistry registry, NotifierSettings settings) {
        Objects.requireNonNull(registry, "registry");
        RequestLink link = new RequestLink(publicUrl);
        for (WebhookConfig webhook : webhooks) {
            if (webhook.secret().isPresent() && webhook.secret().get().isEmpty()) {
                throw new IllegalArgumentException("webhook " + webhook.name()
                        + " has an empty secret: was the configuration loaded without resolving secrets?");
            }
            if (channels.containsKey(webhook.name())) {
                throw new IllegalArgumentException("two webhooks are named " + webhook.name());
            }
        }
        for (WebhookConfig webhook : webhooks) {
            channels.put(webhook.name(), new WebhookChannel(webhook, link, settings,
                    new DeliveryCounters(registry, webhook.name())));
        }
    }

    @Override
    public void requested(ApprovalRequest request, List<String> channels) {
        enqueue(ApprovalEvent.REQUESTED, request, channels);
    }

    @Override
    public void resolved(ApprovalRequest request, List<String> channels) {
        enqueue(ApprovalEvent.RESOLVED, request, channels);
    }

    private void enqueue(ApprovalEvent event, ApprovalRequest request, List<String> names) {
        if (request == null || names == null || names.isEmpty()) {
            return;
        }
        try {
            for (String name : new LinkedHashSet<>(names)) {
                WebhookChannel channel = channels.get(name);
                if (channel == null) {
                    LOG.warn("no webhook named '{}' is configured: the {} notification for request {} is not sent",
                            name, event.wireName(), request.id());
                    continue;
                }
                channel.offer(new Delivery(event, request, UUID.randomUUID()));
            }
        } catch (RuntimeException e) {
            // The interface promises never to throw: a notification is never worth failing the data path for.
            LOG.warn("could not queue the {} notification for request {}: {}", event.wireName(), request.id(),
                    e.getClass().getSimpleName());
        }
    }

    /** Stops every webhook's workers; notifications still waiting or in progress are dropped and logged. */
    @Override
    public void close() {
        boolean interrupted = false;
        for (WebhookChannel channel : channels.values()) {
            try {
                channel.close();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
