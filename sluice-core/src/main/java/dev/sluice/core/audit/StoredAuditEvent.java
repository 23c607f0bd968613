package dev.sluice.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An audit event as the store holds it: its place in the chain and the exact text that was hashed. Read back for
 * verification, replay and export, so it accepts whatever the store returns (a tampered row must be reportable,
 * not rejected); see {@link AuditChain} for how the fields are bound together.
 *
 * @param seq         position in the chain, from 1
 * @param at          event time (microsecond precision)
 * @param sessionId   the session the event belongs to
 * @param type        stable event type, e.g. {@code session.start}
 * @param payloadJson the event's fields as JSON, exactly as stored and hashed
 * @param prevHash    the hash of event {@code seq - 1} (the genesis hash for seq 1)
 * @param hash        this event's hash
 */
public record StoredAuditEvent(long seq, Instant at, String sessionId, String type, String payloadJson,
                               String prevHash, String hash) {

    public StoredAuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** Whether {@link #hash} is what the chain rule gives for this event's fields. */
    public boolean hashMatches() {
        return AuditChain.expectedHash(this).equals(hash);
    }

    /** Leaves the payload out: it is audit content, which belongs in the audit store, not in log lines. */
    @Override
    public String toString() {
        return "StoredAuditEvent[seq=" + seq + ", at=" + at + ", sessionId=" + sessionId + ", type=" + type
                + ", payload=" + payloadJson.length() + " chars, hash=" + hash + "]";
    }
}
