package dev.sluice.core.gateway;

import dev.sluice.core.approval.Approvals;
import dev.sluice.core.approval.NoApprovals;
import dev.sluice.core.audit.Recorder;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.identity.Authenticator;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.session.LiveSessions;
import dev.sluice.core.session.SessionRegistry;
import dev.sluice.core.sql.SqlAnalyzer;

import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a protocol module needs from the core, handed over at the composition root.
 *
 * @param authenticator turns a presented credential into an identity
 * @param gate          decides about (and records) every command
 * @param recorder      records session start, refusal, end and command completion
 * @param sessions      session limits and drain
 * @param metrics       operator metrics
 * @param sqlAnalyzer   SQL analysis for the module's dialect
 * @param approvals     holds statements for review and answers whether an access grant is active
 * @param liveSessions  the sessions open on this process, so that the admin API can list and end them
 * @param masking       the masking policy of each connection ({@link MaskingPolicy#NONE} where nothing is masked)
 */
public record GatewayServices(Authenticator authenticator, Gate gate, Recorder recorder, SessionRegistry sessions,
                              GatewayMetrics metrics, SqlAnalyzer sqlAnalyzer, Approvals approvals,
                              LiveSessions liveSessions, Function<ConnectionSpec, MaskingPolicy> masking) {

    /** Services without approvals (a review is refused), with a live-session list of their own, masking nothing. */
    public GatewayServices(Authenticator authenticator, Gate gate, Recorder recorder, SessionRegistry sessions,
                           GatewayMetrics metrics, SqlAnalyzer sqlAnalyzer) {
        this(authenticator, gate, recorder, sessions, metrics, sqlAnalyzer, NoApprovals.INSTANCE, new LiveSessions());
    }

    /** Services that mask nothing. */
    public GatewayServices(Authenticator authenticator, Gate gate, Recorder recorder, SessionRegistry sessions,
                           GatewayMetrics metrics, SqlAnalyzer sqlAnalyzer, Approvals approvals,
                           LiveSessions liveSessions) {
        this(authenticator, gate, recorder, sessions, metrics, sqlAnalyzer, approvals, liveSessions,
                connection -> MaskingPolicy.NONE);
    }

    public GatewayServices {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(sqlAnalyzer, "sqlAnalyzer");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(liveSessions, "liveSessions");
        Objects.requireNonNull(masking, "masking");
    }
}
