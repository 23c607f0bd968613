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

    @Test
    void approvalStepsSerialiseWithSortedGroupsAndCanonicalTimes() {
        AuditEvent.ApprovalRequested requested = new AuditEvent.ApprovalRequested("s-1", AT, "apr_abc", "statement",
                "clinic", "c-1", "alice", Set.of("dev", "analysts"), "drop-needs-dba", "cleanup",
                List.of("dba", "oncall"), 2, 0, AT.plusSeconds(300), "replica-a");
        AuditEvent.ApprovalVoted voted = new AuditEvent.ApprovalVoted("s-1", AT, "apr_abc", "bob", "Bob",
                Set.of("dba"), true, "ok", "counted");
        AuditEvent.ApprovalResolved resolved = new AuditEvent.ApprovalResolved("s-1", AT, "apr_abc", "statement",
                "rejected", "rejected by Bob: not now");
        AuditEvent.AccessGrantIssued issued = new AuditEvent.AccessGrantIssued("", AT, "grt_xyz", "apr_def", "ext-1",
                "clinic", AT, AT.plusSeconds(1800));
        AuditEvent.AccessGrantRevoked revoked = new AuditEvent.AccessGrantRevoked("", AT, "grt_xyz", "apr_def",
                "ext-1", "clinic", "carol", "incident closed", 2);

        assertThat(AuditEventJson.payload(requested)).isEqualTo("{\"approvalId\":\"apr_abc\",\"kind\":\"statement\","
                + "\"connection\":\"clinic\",\"commandId\":\"c-1\",\"requester\":\"alice\","
                + "\"requesterGroups\":[\"analysts\",\"dev\"],\"rule\":\"drop-needs-dba\","
                + "\"justification\":\"cleanup\","
                + "\"approverGroups\":[\"dba\",\"oncall\"],\"minApprovals\":2,\"accessWindowSeconds\":0,"
                + "\"expiresAt\":\"2025-03-01T10:05:00.123456Z\",\"holder\":\"replica-a\"}");
        assertThat(AuditEventJson.payload(voted)).isEqualTo("{\"approvalId\":\"apr_abc\",\"reviewer\":\"bob\","
                + "\"reviewerName\":\"Bob\",\"reviewerGroups\":[\"dba\"],\"approve\":true,\"comment\":\"ok\","
                + "\"result\":\"counted\"}");
        assertThat(AuditEventJson.payload(resolved)).isEqualTo("{\"approvalId\":\"apr_abc\",\"kind\":\"statement\","
                + "\"status\":\"rejected\",\"resolution\":\"rejected by Bob: not now\"}");
        assertThat(AuditEventJson.payload(issued)).isEqualTo("{\"grantId\":\"grt_xyz\",\"approvalId\":\"apr_def\","
                + "\"subject\":\"ext-1\",\"connection\":\"clinic\",\"startsAt\":\"2025-03-01T10:00:00.123456Z\","
                + "\"endsAt\":\"2025-03-01T10:30:00.123456Z\"}");
        assertThat(AuditEventJson.payload(revoked)).isEqualTo("{\"grantId\":\"grt_xyz\",\"approvalId\":\"apr_def\","
                + "\"subject\":\"ext-1\",\"connection\":\"clinic\",\"revokedBy\":\"carol\","
                + "\"reason\":\"incident closed\",\"sessionsEnded\":2}");
    }
}
