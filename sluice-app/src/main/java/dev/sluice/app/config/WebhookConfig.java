package dev.sluice.app.config;

import dev.sluice.core.connection.Secret;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One webhook that approval notifications are posted to ({@code notifications.webhooks[]}).
 *
 * @param name        unique name that policy rules refer to ({@code notify: [name]})
 * @param url         where deliveries are posted: https, or plain http to a loopback address. The URL itself may be a
 *                    credential (a Slack incoming-webhook URL is), so {@link #toString()} shows only its origin
 * @param format      the payload's shape
 * @param secret      the HMAC key deliveries are signed with; empty only for {@link Format#SLACK}, whose receiver
 *                    cannot check a signature
 * @param timeout     how long one attempt may take to connect and to receive the response headers
 * @param maxAttempts attempts per delivery, the first included
 */
public record WebhookConfig(String name, URI url, Format format, Optional<Secret> secret, Duration timeout,
                            int maxAttempts) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** The shape of a delivery's body. */
    public enum Format {
        /** A Slack incoming-webhook message (text and blocks). */
        SLACK,
        /** Sluice's own JSON event ({@code approval.requested}, {@code approval.resolved}). */
        JSON;

        /** The configuration spelling: {@code slack}, {@code json}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WebhookConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(timeout, "timeout");
        secret = secret == null ? Optional.empty() : secret;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** Scheme, host and port of {@link #url()}: what may appear in a log line or a message. */
    public String origin() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @Override
    public String toString() {
        return "WebhookConfig[name=" + name + ", url=" + origin() + "/…, format=" + format.configName()
                + ", secret=" + (secret.isPresent() ? "***" : "none") + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + "]";
    }
}
