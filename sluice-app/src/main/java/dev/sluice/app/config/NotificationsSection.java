package dev.sluice.app.config;

import dev.sluice.core.connection.Secret;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code notifications:}, the webhooks approval requests are announced on. The section is optional. Policy
 * rules name webhooks ({@code notify: [slack-dba]}), so it is read before {@code policies:}, and
 * {@link Result#webhookNames()} holds every name written, even for a webhook with another problem: a rule naming it
 * then gets no second, misleading "unknown webhook" error.
 *
 * <p>A webhook's URL can itself be a credential (Slack's incoming-webhook URLs are), so messages here never quote
 * it, and it may be given as a {@code ${env:...}}/{@code ${file:...}} reference.
 */
final class NotificationsSection {

    static final List<String> KEYS = List.of("webhooks");
    static final List<String> WEBHOOK_KEYS = List.of("name", "url", "format", "secret", "timeout", "max_attempts");
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    static final int MAX_ATTEMPTS = 20;
    /** Stands in for a referenced URL that is deliberately not resolved; never posted to. */
    static final URI UNRESOLVED_URL = URI.create("https://unresolved.invalid/");

    /**
     * @param config       the section; empty when it had a problem (reported)
     * @param webhookNames every webhook name written in the file, in file order
     */
    record Result(Optional<NotificationsConfig> config, Set<String> webhookNames) {

        Result {
            webhookNames = Collections.unmodifiableSet(new LinkedHashSet<>(webhookNames));
        }
    }

    private NotificationsSection() {
    }

    static Result read(MappingReader root, ReadContext context) {
        Optional<MappingReader> section = root.section("notifications", KEYS);
        if (section.isEmpty()) {
            return new Result(Optional.empty(), Set.of());
        }
        MappingReader notifications = section.get();
        Optional<List<YamlNode>> items = notifications.list("webhooks");
        if (items.isEmpty()) {
            return new Result(Optional.empty(), Set.of());
        }
        Problems problems = context.problems();
        UniqueNames unique = new UniqueNames("webhook name", problems);
        Set<String> names = new LinkedHashSet<>();
        List<WebhookConfig> webhooks = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < items.get().size(); i++) {
            Optional<WebhookConfig> webhook = MappingReader.of(items.get().get(i),
                            notifications.path("webhooks") + "[" + i + "]", problems, WEBHOOK_KEYS)
                    .flatMap(reader -> webhook(reader, context, unique, names));
            complete &= webhook.isPresent();
            webhook.ifPresent(webhooks::add);
        }
        return new Result(complete ? Optional.of(new NotificationsConfig(webhooks)) : Optional.empty(), names);
    }

    private static Optional<WebhookConfig> webhook(MappingReader webhook, ReadContext context, UniqueNames unique,
                                                   Set<String> names) {
        Optional<String> name = webhook.required("name",
                Values.matching(NAME, "use lower-case letters, digits and '-'"));
        name.ifPresent(names::add);
        boolean claimed = name.isPresent()
                && unique.claim(name.get(), webhook.node("name").orElseThrow(), webhook.path("name"));
        Optional<URI> url = webhook.required("url", url(context));
        Optional<WebhookConfig.Format> format = webhook.orDefault("format",
                Values.oneOf("webhook format", List.of("slack", "json"))
                        .then(text -> WebhookConfig.Format.valueOf(text.toUpperCase(Locale.ROOT))),
                WebhookConfig.Format.JSON);
        Optional<Optional<Secret>> secret = secret(webhook, context, format);
        Optional<Duration> timeout = webhook.orDefault("timeout", Durations.between(MIN_TIMEOUT, MAX_TIMEOUT),
                WebhookConfig.DEFAULT_TIMEOUT);
        Optional<Integer> maxAttempts = webhook.orDefault("max_attempts", Values.integer(1, MAX_ATTEMPTS),
                WebhookConfig.DEFAULT_MAX_ATTEMPTS);
        if (!claimed || url.isEmpty() || format.isEmpty() || secret.isEmpty() || timeout.isEmpty()
                || maxAttempts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WebhookConfig(name.get(), url.get(), format.get(), secret.get(), timeout.get(),
                maxAttempts.get()));
    }

    /**
     * Required for {@code json}: a receiver of Sluice's own events must be able to tell them from forgeries.
     * Optional for {@code slack}: Slack does not check signatures (there the URL is the credential).
     */
    private static Optional<Optional<Secret>> secret(MappingReader webhook, ReadContext context,
                                                     Optional<WebhookConfig.Format> format) {
        if (webhook.has("secret")) {
            return webhook.optional("secret", Secrets.signingKey(context)).map(Optional::of);
        }
        if (format.isPresent() && format.get() == WebhookConfig.Format.JSON) {
            context.problems().add(webhook.node("secret").map(YamlNode::location).orElse(webhook.location()),
                    webhook.path("secret"), "is required for format json: receivers check each delivery's "
                            + "X-Sluice-Signature with it (use ${env:NAME} or ${file:PATH})");
            return Optional.empty();
        }
        return Optional.of(Optional.empty());
    }

    private static ValueParser<URI> url(ReadContext context) {
        return node -> {
            String raw = Values.scalar(node, "a URL").text();
            if (!SecretReferences.containsReference(raw)) {
                return checkedUrl(raw.strip());
            }
            if (context.credentials() == ConfigLoader.Credentials.LEFT_UNRESOLVED) {
                return UNRESOLVED_URL; // never used: see ConfigLoader.Credentials
            }
            return checkedUrl(context.secrets().resolve(raw).strip());
        };
    }

    /**
     * An absolute https URL, or http to a loopback IP literal (a local relay, a test receiver), where nothing
     * crosses a wire. Messages describe the problem without quoting the URL.
     */
    static URI checkedUrl(String text) throws InvalidValue {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidValue("is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new InvalidValue("must be an https:// URL with a host");
        }
        if (scheme.equals("http") && !isLoopbackLiteral(uri.getHost())) {
            throw new InvalidValue("plain http is allowed only to 127.0.0.1 or [::1]; use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidValue("must not hold a user name or password (user@host): the receiver checks the "
                    + "signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidValue("must not have a #fragment");
        }
        return uri;
    }

    /** Only IP literals count: a name such as {@code localhost} is resolved elsewhere and could point anywhere. */
    private static boolean isLoopbackLiteral(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress(); // a literal: no DNS lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
