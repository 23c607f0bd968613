package dev.sluice.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One session as the audit log saw it, summarised from its events for listing ({@code sluice sessions}).
 *
 * @param sessionId       the session id
 * @param protocol        protocol family, e.g. {@code postgresql}; empty if the start event is missing
 * @param connection      the connection name
 * @param subject         who; empty when a refused client never proved an identity
 * @param clientAddress   where the client connected from
 * @param applicationName what the client said it is; may be empty
 * @param startedAt       when the session started (if its start event is missing: its first recorded event)
 * @param endedAt         when it ended; empty while it is still open. A refused session ends when refused
 * @param endReason       how it ended ({@code client-terminate}, …) or, for a refused session, the refusal code;
 *                        empty while open
 * @param commands        commands the gate judged in this session (or the count the end event reported, if
 *                        higher)
 * @param refused         true when the client was turned away before a session began
 */
public record SessionSummary(String sessionId, String protocol, String connection, String subject,
                             String clientAddress, String applicationName, Instant startedAt,
                             Optional<Instant> endedAt, String endReason, long commands, boolean refused) {

    public SessionSummary {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        protocol = Objects.requireNonNullElse(protocol, "");
        connection = Objects.requireNonNullElse(connection, "");
        subject = Objects.requireNonNullElse(subject, "");
        clientAddress = Objects.requireNonNullElse(clientAddress, "");
        applicationName = Objects.requireNonNullElse(applicationName, "");
        endReason = Objects.requireNonNullElse(endReason, "");
        if (commands < 0) {
            throw new IllegalArgumentException("commands must not be negative");
        }
    }

    public boolean open() {
        return endedAt.isEmpty();
    }
}
