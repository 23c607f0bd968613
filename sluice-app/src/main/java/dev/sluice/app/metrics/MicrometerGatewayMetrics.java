package dev.sluice.app.metrics;

import dev.sluice.core.gateway.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link GatewayMetrics} on Micrometer. The Prometheus names are given in each constant's comment; Micrometer
 * derives them from the dotted names (adding {@code _total} to counters and {@code _seconds} to timers).
 *
 * <p>Tags carry only bounded, code-like values (see {@link BoundedTagValues}): never a session id, a user
 * name, an address or an error text. Meters are cached per tag combination because these methods sit on the
 * data path ({@link #bytes} runs for every relayed message).
 */
public final class MicrometerGatewayMetrics implements GatewayMetrics {

    /** {@code sluice_sessions_active}: sessions open now, all protocols. */
    public static final String SESSIONS_ACTIVE = "sluice.sessions.active";
    /** {@code sluice_sessions_total{protocol}}: sessions opened. */
    public static final String SESSIONS = "sluice.sessions";
    /** {@code sluice_sessions_refused_total{protocol,code}}: sessions refused before they opened. */
    public static final String SESSIONS_REFUSED = "sluice.sessions.refused";
    /** {@code sluice_commands_total{protocol,outcome,failed}}: commands completed. */
    public static final String COMMANDS = "sluice.commands";
    /** {@code sluice_command_duration_seconds{protocol}}: a histogram of command durations. */
    public static final String COMMAND_DURATION = "sluice.command.duration";
    /** {@code sluice_bytes_total{protocol,direction}}: bytes relayed, seen from the client's side. */
    public static final String BYTES = "sluice.bytes";
    /** {@code sluice_protocol_errors_total{protocol,kind}}: protocol violations and upstream failures. */
    public static final String PROTOCOL_ERRORS = "sluice.protocol.errors";

    /** {@code direction} tag value for bytes the client sent to the gateway. */
    public static final String FROM_CLIENT = "from-client";
    /** {@code direction} tag value for bytes the gateway sent to the client. */
    public static final String TO_CLIENT = "to-client";

    /**
     * Histogram buckets: fixed and few, so every protocol has the same series and Prometheus can aggregate them with
     * {@code histogram_quantile}. From a cached point lookup (about a millisecond) to a long report query.
     */
    private static final Duration[] DURATION_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final MeterRegistry registry;
    private final AtomicLong activeSessions = new AtomicLong();

    private final BoundedTagValues protocols = new BoundedTagValues(16);
    private final BoundedTagValues refusalCodes = new BoundedTagValues(32);
    private final BoundedTagValues outcomes = new BoundedTagValues(8);
    private final BoundedTagValues errorKinds = new BoundedTagValues(32);

    private final Map<String, ProtocolMeters> perProtocol = new ConcurrentHashMap<>();
    private final Map<Refusal, Counter> refusals = new ConcurrentHashMap<>();
    private final Map<Completion, Counter> completions = new ConcurrentHashMap<>();
    private final Map<ErrorKind, Counter> errors = new ConcurrentHashMap<>();

    private record ProtocolMeters(Counter sessions, Timer commandDuration, Counter bytesFromClient,
                                  Counter bytesToClient) {
    }

    private record Refusal(String protocol, String code) {
    }

    private record Completion(String protocol, String outcome, boolean failed) {
    }

    private record ErrorKind(String protocol, String kind) {
    }

    public MicrometerGatewayMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Gauge.builder(SESSIONS_ACTIVE, activeSessions, AtomicLong::get)
                .description("Sessions open now")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void sessionOpened(String protocol) {
        meters(protocol).sessions().increment();
        activeSessions.incrementAndGet();
    }

    @Override
    public void sessionClosed(String protocol) {
        // An unmatched close is a bug elsewhere; the gauge must not go negative because of it.
        activeSessions.updateAndGet(n -> n > 0 ? n - 1 : 0);
    }

    @Override
    public void sessionRefused(String protocol, String code) {
        Refusal key = new Refusal(protocols.admit(protocol), refusalCodes.admit(code));
        refusals.computeIfAbsent(key, k -> Counter.builder(SESSIONS_REFUSED)
                .description("Sessions refused before they opened")
                .tag("protocol", k.protocol())
                .tag("code", k.code())
                .register(registry)).increment();
    }

    @Override
    public void commandCompleted(String protocol, String outcome, long durationNanos, boolean failed) {
        Completion key = new Completion(protocols.admit(protocol), outcomes.admit(outcome), failed);
        completions.computeIfAbsent(key, k -> Counter.builder(COMMANDS)
                .description("Commands completed, by decision outcome and upstream failure")
                .tag("protocol", k.protocol())
                .tag("outcome", k.outcome())
                .tag("failed", Boolean.toString(k.failed()))
                .register(registry)).increment();
        if (durationNanos >= 0) {
            meters(protocol).commandDuration().record(durationNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void bytes(String protocol, long fromClient, long toClient) {
        ProtocolMeters meters = meters(protocol);
        if (fromClient > 0) {
            meters.bytesFromClient().increment(fromClient);
        }
        if (toClient > 0) {
            meters.bytesToClient().increment(toClient);
        }
    }

    @Override
    public void protocolError(String protocol, String kind) {
        ErrorKind key = new ErrorKind(protocols.admit(protocol), errorKinds.admit(kind));
        errors.computeIfAbsent(key, k -> Counter.builder(PROTOCOL_ERRORS)
                .description("Protocol violations and upstream failures")
                .tag("protocol", k.protocol())
                .tag("kind", k.kind())
                .register(registry)).increment();
    }

    private ProtocolMeters meters(String protocol) {
        return perProtocol.computeIfAbsent(protocols.admit(protocol), this::newProtocolMeters);
    }

    private ProtocolMeters newProtocolMeters(String protocol) {
        Counter sessions = Counter.builder(SESSIONS)
                .description("Sessions opened")
                .tag("protocol", protocol)
                .register(registry);
        Timer duration = Timer.builder(COMMAND_DURATION)
                .description("Time from a command's arrival to the end of its answer")
                .tag("protocol", protocol)
                .serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry);
        return new ProtocolMeters(sessions, duration, bytesCounter(protocol, FROM_CLIENT),
                bytesCounter(protocol, TO_CLIENT));
    }

    private Counter bytesCounter(String protocol, String direction) {
        return Counter.builder(BYTES)
                .description("Bytes relayed between clients and the gateway")
                .baseUnit(BaseUnits.BYTES)
                .tag("protocol", protocol)
                .tag("direction", direction)
                .register(registry);
    }
}
