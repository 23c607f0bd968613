package dev.sluice.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.StoredAuditEvent;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Audit events for store tests. */
final class TestEvents {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    static AuditEvent.SessionStarted started(String sessionId, Instant at) {
        return new AuditEvent.SessionStarted(sessionId, at, "postgresql", "clinic-db", "alice@example.org", "Alice",
                Set.of("dba", "oncall"), "oidc_token", "https://idp.example.org", "10.0.0.7:50123", "psql");
    }

    static AuditEvent.CommandDecided decided(String sessionId, Instant at, String commandId) {
        return new AuditEvent.CommandDecided(sessionId, at, commandId, "SELECT * FROM patients WHERE id = ?",
                List.of("SELECT"), List.of("patients"), 0, List.of(), "allow", "", "");
    }

    static AuditEvent.CommandCompleted completed(String sessionId, Instant at, String commandId) {
        return new AuditEvent.CommandCompleted(sessionId, at, commandId, 1, 250, "");
    }

    static AuditEvent.SessionEnded ended(String sessionId, Instant at, long commands) {
        return new AuditEvent.SessionEnded(sessionId, at, "client-terminate", commands, 100, 2000);
    }

    static AuditEvent.SessionRefused refused(String sessionId, Instant at) {
        return new AuditEvent.SessionRefused(sessionId, at, "postgresql", "clinic-db", "", "10.0.0.9:40000",
                "bad-credential", "the token was not accepted");
    }

    /** The commandId in a stored command event's payload. */
    static String commandId(StoredAuditEvent event) {
        try {
            return JSON.readTree(event.payloadJson()).get("commandId").asText();
        } catch (Exception e) {
            throw new AssertionError("payload is not JSON with a commandId: " + event, e);
        }
    }
}
