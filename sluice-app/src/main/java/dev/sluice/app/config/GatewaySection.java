package dev.sluice.app.config;

import dev.sluice.core.session.SessionLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads {@code gateway:} (data directory, shutdown grace, session limits); every key has a default. */
final class GatewaySection {

    static final List<String> KEYS = List.of("data_dir", "shutdown_grace", "limits");
    static final List<String> LIMIT_KEYS = List.of("max_sessions", "max_sessions_per_identity", "idle_timeout",
            "statement_timeout", "max_message_size");

    /** The part of {@link GatewayConfig} that {@code gateway:} describes. */
    record Settings(Path dataDir, Duration shutdownGrace, SessionLimits limits) {
    }

    private GatewaySection() {
    }

    static Optional<Settings> read(MappingReader root, ReadContext context) {
        Optional<MappingReader> section = root.section("gateway", KEYS);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader gateway = section.get();
        Optional<Path> dataDir = gateway.orDefault("data_dir", Values.path(context.baseDir()),
                context.baseDir().resolve("data").normalize());
        Optional<Duration> grace = gateway.orDefault("shutdown_grace",
                Durations.between(Duration.ZERO, Duration.ofHours(1)), Duration.ofSeconds(30));
        Optional<SessionLimits> limits = gateway.section("limits", LIMIT_KEYS).flatMap(GatewaySection::limits);
        if (dataDir.isEmpty() || grace.isEmpty() || limits.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Settings(dataDir.get(), grace.get(), limits.get()));
    }

    private static Optional<SessionLimits> limits(MappingReader limits) {
        SessionLimits d = SessionLimits.DEFAULTS;
        Optional<Integer> maxSessions = limits.orDefault("max_sessions", Values.integer(1, 1_000_000), d.maxSessions());
        // An unwritten per-identity bound follows a small max_sessions down rather than contradicting it.
        Optional<Integer> perIdentity = limits.orDefault("max_sessions_per_identity", Values.integer(1, 1_000_000),
                Math.min(d.maxSessionsPerIdentity(), maxSessions.orElse(d.maxSessions())));
        Optional<Duration> idle = limits.orDefault("idle_timeout", Durations.between(Duration.ZERO, Duration.ofDays(30)),
                d.idleTimeout());
        Optional<Duration> statement = limits.orDefault("statement_timeout",
                Durations.between(Duration.ZERO, Duration.ofDays(1)), d.statementTimeout());
        Optional<Long> messageSize = limits.orDefault("max_message_size", Sizes.between(Sizes.KIB, Sizes.GIB),
                (long) d.maxMessageBytes());
        if (maxSessions.isPresent() && perIdentity.isPresent() && perIdentity.get() > maxSessions.get()) {
            limits.problems().add(limits.node("max_sessions_per_identity").orElseThrow(),
                    limits.path("max_sessions_per_identity"),
                    "must not exceed max_sessions (" + maxSessions.get() + ")");
            return Optional.empty();
        }
        if (maxSessions.isEmpty() || perIdentity.isEmpty() || idle.isEmpty() || statement.isEmpty()
                || messageSize.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SessionLimits(maxSessions.get(), perIdentity.get(), idle.get(), statement.get(),
                Math.toIntExact(messageSize.get())));
    }
}
