package dev.sluice.store;

import dev.sluice.core.audit.AuditChain;
import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.AuditUnavailableException;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An event waiting in the audit queue, already serialised by the thread that produced it (so the single writer
 * only writes).
 *
 * @param committed completed when the event's group commits, or exceptionally with an
 *                  {@link AuditUnavailableException}; null for a submitted event nobody waits for
 * @param attempts  failed write attempts so far (submitted events are retried)
 */
record PendingEvent(String sessionId, Instant at, String type, String payloadJson, SessionEffect effect,
                    CompletableFuture<Void> committed, int attempts) {

    PendingEvent {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(effect, "effect");
    }

    /** Serialises an event; {@code committed} is null for fire-and-forget submission. */
    static PendingEvent of(AuditEvent event, CompletableFuture<Void> committed) {
        AuditChain.requireSingleLine(event.sessionId(), "sessionId");
        return new PendingEvent(event.sessionId(), AuditChain.storedTime(event.at()), event.type(),
                AuditEventJson.payload(event), SessionEffect.of(event), committed, 0);
    }

    boolean awaited() {
        return committed != null;
    }

    PendingEvent failedOnce() {
        return new PendingEvent(sessionId, at, type, payloadJson, effect, committed, attempts + 1);
    }

    @Override
    public String toString() {
        return "PendingEvent[sessionId=" + sessionId + ", type=" + type + ", attempts=" + attempts + "]";
    }
}
