package dev.sluice.core.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request for approval, as stored and as reviewers see it. Every text in it is safe to store and show: the
 * statement, justification and comments pass the gateway's PHI scrubber before a request is built.
 *
 * @param id              the request id clients and reviewers quote (short, url-safe)
 * @param kind            a held statement or a just-in-time access request
 * @param status          where it stands
 * @param connection      the connection the statement runs on, or access is asked for
 * @param sessionId       the session holding the statement; empty for access requests
 * @param commandId       the audit log's id of the held command; empty for access requests
 * @param requester       the requester's subject
 * @param requesterName   the requester's display name
 * @param requesterGroups the requester's groups when asking
 * @param rule            the rule that asked for review ({@code access} for access requests)
 * @param statement       the full statement exactly as it will run, literals that look like PHI masked; for access
 *                        requests a sentence naming the connection and window
 * @param justification   why the requester needs it; empty when none was given
 * @param approverGroups  groups whose members may decide; empty means any reviewer
 * @param minApprovals    approvals needed, at least 1; a single rejection rejects
 * @param accessWindow    for access requests, how long the grant lasts once approved; zero for statements
 * @param createdAt       when it was asked
 * @param expiresAt       when it expires if nobody decides
 * @param votes           the votes so far, in order
 * @param resolvedAt      when it reached a final status
 * @param resolution      why it is final (a rejecting reviewer's comment, "timed out", "withdrawn by cancel"…)
 * @param holder          the gateway replica holding the statement, for operators; empty for access requests
 */
public record ApprovalRequest(String id, ApprovalKind kind, ApprovalStatus status, String connection, String sessionId,
                              String commandId, String requester, String requesterName, Set<String> requesterGroups,
                              String rule, String statement, String justification, List<String> approverGroups,
                              int minApprovals, Duration accessWindow, Instant createdAt, Instant expiresAt,
                              List<Vote> votes, Optional<Instant> resolvedAt, String resolution, String holder) {

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        sessionId = sessionId == null ? "" : sessionId;
        commandId = commandId == null ? "" : commandId;
        requesterName = requesterName == null || requesterName.isBlank() ? requester : requesterName;
        requesterGroups = Set.copyOf(requesterGroups == null ? Set.of() : requesterGroups);
        justification = justification == null ? "" : justification;
        approverGroups = List.copyOf(approverGroups == null ? List.of() : approverGroups);
        if (minApprovals < 1) {
            throw new IllegalArgumentException("minApprovals must be at least 1");
        }
        accessWindow = accessWindow == null ? Duration.ZERO : accessWindow;
        votes = List.copyOf(votes == null ? List.of() : votes);
        resolvedAt = resolvedAt == null ? Optional.empty() : resolvedAt;
        resolution = resolution == null ? "" : resolution;
        holder = holder == null ? "" : holder;
    }

    /** Approvals given so far. */
    public long approvals() {
        return votes.stream().filter(Vote::approve).count();
    }
}
