package dev.sluice.store;

import dev.sluice.core.audit.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AuditEventJsonTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:00:00.123456789Z");

    @Test
    void aRecordBecomesAnObjectInDeclarationOrderWithoutSessionIdAndTime() {
        String json = AuditEventJson.payload(new AuditEvent.CommandCompleted("s-1", AT, "c-9", 3, 1200, "42P01"));

        assertThat(json).isEqualTo(
                "{\"commandId\":\"c-9\",\"rows\":3,\"durationMicros\":1200,\"errorCode\":\"42P01\"}");
    }

    @Test
    void setsAreWrittenSortedSoTheSameEventGivesTheSameText() {
        AuditEvent.SessionStarted started = new AuditEvent.SessionStarted("s-1", AT, "postgresql", "clinic",
                "alice", "Alice", Set.of("zeta", "alpha", "mid"), "oidc_token", "https://idp", "10.0.0.1:5000", "");

        assertThat(AuditEventJson.payload(started)).isEqualTo("{\"protocol\":\"postgresql\",\"connection\":\"clinic\","
                + "\"subject\":\"alice\",\"displayName\":\"Alice\",\"groups\":[\"alpha\",\"mid\",\"zeta\"],"
                + "\"proof\":\"oidc_token\",\"issuer\":\"https://idp\",\"clientAddress\":\"10.0.0.1:5000\","
                + "\"applicationName\":\"\"}");
    }

    @Test
    void listsKeepTheirOrderAndNullsAreWritten() {
        AuditEvent.CommandDecided decided = new AuditEvent.CommandDecided("s-1", AT, "c-1", "SELECT ?",
                List.of("SELECT", "BEGIN"), List.of("b", "a"), 1, List.of("23"), "deny", "no-select", null);

        assertThat(AuditEventJson.payload(decided)).isEqualTo("{\"commandId\":\"c-1\",\"text\":\"SELECT ?\","
                + "\"kinds\":[\"SELECT\",\"BEGIN\"],\"tables\":[\"b\",\"a\"],\"parameterCount\":1,"
                + "\"parameterTypes\":[\"23\"],\"outcome\":\"deny\",\"rule\":\"no-select\",\"reason\":null}");
    }
}
