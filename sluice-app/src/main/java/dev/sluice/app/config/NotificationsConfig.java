package dev.sluice.app.config;

import java.util.List;
import java.util.Optional;

/**
 * Where approval notifications go ({@code notifications:}).
 *
 * @param webhooks the configured webhooks, in file order; names are unique
 */
public record NotificationsConfig(List<WebhookConfig> webhooks) {

    /** No notifications: the section left out. */
    public static final NotificationsConfig NONE = new NotificationsConfig(List.of());

    public NotificationsConfig {
        webhooks = List.copyOf(webhooks);
    }

    public Optional<WebhookConfig> webhook(String name) {
        return webhooks.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
