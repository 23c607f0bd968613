package dev.sluice.app.notify;

import dev.sluice.app.config.WebhookConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One webhook's deliveries: a bounded queue and a few virtual-thread workers that post, retry with backoff, and
 * give up after {@code max_attempts}. {@link #offer} never waits: a full queue drops the notification. Log lines
 * name the webhook, the event and the request id; never the URL (it may be a credential), the secret, or the
 * statement.
 */
final class WebhookChannel {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);

    private final WebhookConfig config;
    private final HttpClient client;
    private final RequestLink link;
    private final NotifierSettings settings;
    private final DeliveryCounters counters;
    private final BlockingQueue<Delivery> queue;
    private final List<Thread> workers = new ArrayList<>();
    /** Deliveries a worker was in the middle of when {@link #close} interrupted it. */
    private final AtomicInteger abandoned = new AtomicInteger();
    private volatile boolean closed;

    WebhookChannel(WebhookConfig config, RequestLink link, NotifierSettings settings, DeliveryCounters counters) {
        this.config = config;
        this.link = link;
        this.settings = settings;
        this.counters = counters;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER) // a signed body goes where it was configured to, nowhere else
                .connectTimeout(config.timeout())
                .build();
        Thread.Builder builder = Thread.ofVirtual().name("sluice-webhook-" + config.name() + "-", 0);
        for (int i = 0; i < settings.workersPerWebhook(); i++) {
            workers.add(builder.start(this::work));
        }
    }

    String name() {
        return config.name();
    }

    /** Queues {@code delivery} without waiting; when the queue is full or closed it is dropped and logged. */
    void offer(Delivery delivery) {
        if (!closed && queue.offer(delivery)) {
            return;
        }
        counters.dropped(1);
        LOG.warn("webhook {}: dropped the {} notification for request {}: {}", config.name(),
                delivery.event().wireName(), delivery.request().id(),
                closed ? "the gateway is stopping" : settings.queueCapacity() + " notifications are already waiting");
    }

    private void work() {
        while (!closed) {
            Delivery delivery;
            try {
                delivery = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                deliver(delivery);
            } catch (InterruptedException e) {
                abandoned.incrementAndGet();
                return;
            } catch (RuntimeException e) {
                counters.failed();
                LOG.warn("webhook {}: the {} notification for request {} failed: {}", config.name(),
                        delivery.event().wireName(), delivery.request().id(), e.getClass().getSimpleName());
            }
        }
    }

    private void deliver(Delivery delivery) throws InterruptedException {
        String target = link.to(delivery.request().id());
        byte[] body = switch (config.format()) {
            case JSON -> JsonPayload.render(delivery.event(), delivery.request(), target);
            case SLACK -> SlackPayload.render(delivery.event(), delivery.request(), target);
        };
        for (int attempt = 1; ; attempt++) {
            AttemptResult result = attempt(delivery, body);
            switch (result) {
                case AttemptResult.Delivered delivered -> {
                    counters.delivered();
                    LOG.debug("webhook {}: delivered the {} notification for request {} (HTTP {}, attempt {})",
                            config.name(), delivery.event().wireName(), delivery.request().id(), delivered.status(),
                            attempt);
                    return;
                }
                case AttemptResult.Refused refused -> {
                    giveUp(delivery, attempt, refused.reason());
                    return;
                }
                case AttemptResult.Retryable retryable -> {
                    if (attempt >= config.maxAttempts()) {
                        giveUp(delivery, attempt, retryable.reason());
                        return;
                    }
                    Thread.sleep(settings.backoff().delay(attempt, retryable.retryAfter()));
                }
            }
        }
    }

    private AttemptResult attempt(Delivery delivery, byte[] body) throws InterruptedException {
        long timestamp = settings.clock().instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "sluice-webhook")
                .header(WebhookSignature.EVENT_HEADER, delivery.event().wireName())
                .header(WebhookSignature.DELIVERY_HEADER, delivery.id().toString())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.secret().ifPresent(secret ->
                request.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body)));
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return new AttemptResult.Retryable(e.getClass().getSimpleName(), Optional.empty());
        }
        discard(response.body());
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(value -> Backoff.parseRetryAfter(value, settings.clock().instant()));
        return AttemptResult.of(response.statusCode(), retryAfter);
    }

    /** Only the status matters; closing at once means a receiver that streams a body cannot hold a worker. */
    private static void discard(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // The answer is in already; a connection that fails while being dropped changes nothing.
        }
    }

    private void giveUp(Delivery delivery, int attempts, String reason) {
        counters.failed();
        LOG.warn("webhook {}: gave up on the {} notification for request {} after {} attempt{}: {}", config.name(),
                delivery.event().wireName(), delivery.request().id(), attempts, attempts == 1 ? "" : "s", reason);
    }

    /**
     * Stops the workers; waiting and in-progress deliveries are dropped, counted and logged.
     *
     * @return how many deliveries were dropped
     */
    int close() throws InterruptedException {
        closed = true;
        List<Delivery> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        workers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + settings.closeWait().toNanos();
        for (Thread worker : workers) {
            long left = Math.max(1, deadline - System.nanoTime());
            worker.join(Duration.ofNanos(left));
        }
        client.shutdownNow();
        queue.drainTo(waiting); // an offer that raced with closing
        int dropped = waiting.size() + abandoned.get();
        if (dropped > 0) {
            counters.dropped(dropped);
            LOG.warn("webhook {}: dropped {} pending notification{} at shutdown", config.name(), dropped,
                    dropped == 1 ? "" : "s");
        }
        return dropped;
    }
}
