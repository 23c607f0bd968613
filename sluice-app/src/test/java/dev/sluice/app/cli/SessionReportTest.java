package dev.sluice.app.cli;

import dev.sluice.core.audit.AuditChain;
import dev.sluice.core.audit.StoredAuditEvent;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A replay tells, in words, how a statement held for review was decided. */
class SessionReportTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final List<StoredAuditEvent> events = new ArrayList<>();

    @Test
    void aHeldStatementReplaysItsRequestVotesAndOutcome() {
        event(0, "command.decided", "{\"commandId\":\"c-1\",\"text\":\"DROP TABLE visits\",\"kinds\":[\"DROP\"],"
                + "\"tables\":[\"visits\"],\"parameterCount\":0,\"parameterTypes\":[],\"outcome\":\"review\","
                + "\"rule\":\"drop-needs-dba\",\"reason\":\"approval required from dba\"}");
        event(0, "approval.requested", "{\"approvalId\":\"apr_abc\",\"kind\":\"statement\",\"connection\":\"clinic\","
                + "\"commandId\":\"c-1\",\"requester\":\"alice\",\"requesterGroups\":[\"dev\"],"
                + "\"rule\":\"drop-needs-dba\",\"justification\":\"cleanup\",\"approverGroups\":[\"dba\"],"
                + "\"minApprovals\":2,\"accessWindowSeconds\":0,\"expiresAt\":\"2025-03-01T10:05:00.000000Z\","
                + "\"holder\":\"replica-a\"}");
        event(5, "approval.vote", "{\"approvalId\":\"apr_abc\",\"reviewer\":\"alice\",\"reviewerName\":\"Alice\","
                + "\"reviewerGroups\":[\"dba\"],\"approve\":true,\"comment\":\"\",\"result\":\"self-approval\"}");
        event(10, "approval.vote", "{\"approvalId\":\"apr_abc\",\"reviewer\":\"bob\",\"reviewerName\":\"Bob\","
                + "\"reviewerGroups\":[\"dba\"],\"approve\":true,\"comment\":\"ok\",\"result\":\"counted\"}");
        event(20, "approval.vote", "{\"approvalId\":\"apr_abc\",\"reviewer\":\"carol\",\"reviewerName\":\"carol\","
                + "\"reviewerGroups\":[\"dba\"],\"approve\":false,\"comment\":\"not now\",\"result\":\"counted\"}");
        event(20, "approval.resolved", "{\"approvalId\":\"apr_abc\",\"kind\":\"statement\",\"status\":\"rejected\","
                + "\"resolution\":\"rejected by carol: not now\"}");

        assertThat(replay()).containsExactly(
                "+   0.000s  REVIEW DROP TABLE visits   [rule drop-needs-dba: approval required from dba]",
                "+   0.000s         approval apr_abc requested (rule drop-needs-dba): 2 approvals from dba; "
                        + "expires 2025-03-01T10:05:00.000000Z; justification \"cleanup\"",
                "+   5.000s         alice (Alice) tried to approve apr_abc: refused (self-approval)",
                "+  10.000s         bob (Bob) approves apr_abc: \"ok\"",
                "+  20.000s         carol rejects apr_abc: \"not now\"",
                "+  20.000s         approval apr_abc rejected: rejected by carol: not now");
    }

    @Test
    void accessRequestsAndGrantsReplayInWords() {
        event(0, "approval.requested", "{\"approvalId\":\"apr_def\",\"kind\":\"access\",\"connection\":\"clinic\","
                + "\"commandId\":\"\",\"requester\":\"ext-1\",\"requesterGroups\":[\"contractors\"],"
                + "\"rule\":\"access\",\"justification\":\"\",\"approverGroups\":[],\"minApprovals\":1,"
                + "\"accessWindowSeconds\":5400,\"expiresAt\":\"2025-03-01T11:00:00.000000Z\",\"holder\":\"\"}");
        event(60, "grant.issued", "{\"grantId\":\"grt_x\",\"approvalId\":\"apr_def\",\"subject\":\"ext-1\","
                + "\"connection\":\"clinic\",\"startsAt\":\"2025-03-01T10:01:00.000000Z\","
                + "\"endsAt\":\"2025-03-01T11:31:00.000000Z\"}");
        event(120, "grant.revoked", "{\"grantId\":\"grt_x\",\"approvalId\":\"apr_def\",\"subject\":\"ext-1\","
                + "\"connection\":\"clinic\",\"revokedBy\":\"carol\",\"reason\":\"done\",\"sessionsEnded\":1}");

        assertThat(replay()).containsExactly(
                "+   0.000s         approval apr_def requested by ext-1: access to clinic for 1h30m: 1 approval from "
                        + "any reviewer; expires 2025-03-01T11:00:00.000000Z",
                "+  60.000s         access grant grt_x issued to ext-1 on clinic from 2025-03-01T10:01:00.000000Z "
                        + "until 2025-03-01T11:31:00.000000Z (request apr_def)",
                "+ 120.000s         access grant grt_x of ext-1 on clinic revoked by carol: \"done\"; "
                        + "1 session(s) ended");
    }

    private void event(long second, String type, String payload) {
        Instant at = T0.plusSeconds(second);
        long seq = events.size() + 1;
        events.add(new StoredAuditEvent(seq, at, "s-1", type, payload, AuditChain.GENESIS_HASH,
                AuditChain.hash(AuditChain.GENESIS_HASH, seq, at, type, "s-1", payload)));
    }

    private List<String> replay() {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            SessionReport.replay(events, out);
        }
        return text.toString().lines().toList();
    }
}
