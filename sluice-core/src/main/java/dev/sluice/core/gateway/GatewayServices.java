package dev.sluice.core.gateway;

import dev.sluice.core.audit.Recorder;
import dev.sluice.core.identity.Authenticator;
import dev.sluice.core.session.SessionRegistry;
import dev.sluice.core.sql.SqlAnalyzer;

import java.util.Objects;

/**
 * Everything a protocol module needs from the core, handed over at the composition root.
 *
 * @param authenticator turns a presented credential into an identity
 * @param gate          decides about (and records) every command
 * @param recorder      records session start, refusal, end and command completion
 * @param sessions      session limits and drain
 * @param metrics       operator metrics
 * @param sqlAnalyzer   SQL analysis for the module's dialect
 */
public record GatewayServices(Authenticator authenticator, Gate gate, Recorder recorder, SessionRegistry sessions,
                              GatewayMetrics metrics, SqlAnalyzer sqlAnalyzer) {

    public GatewayServices {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(sqlAnalyzer, "sqlAnalyzer");
    }
}
