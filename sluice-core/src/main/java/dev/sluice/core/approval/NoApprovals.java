package dev.sluice.core.approval;

import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.session.SessionContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Approvals where there is no store to keep them: every hold fails (so a statement sent to review is refused, fail
 * closed), nothing is pending and nobody holds a grant. For protocol-module tests and tools that run without a
 * gateway store.
 */
public final class NoApprovals implements Approvals {

    public static final NoApprovals INSTANCE = new NoApprovals();

    private NoApprovals() {
    }

    @Override
    public HeldStatement hold(SessionContext session, String commandId, Decision.Review review, String statementText,
                              String justification) {
        throw new ApprovalsUnavailableException("approvals are not available on this gateway", null);
    }

    @Override
    public ApprovalRequest requestAccess(Identity requester, ConnectionSpec connection, Duration window,
                                         String reason) {
        throw new IllegalArgumentException("approvals are not available on this gateway");
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        return Optional.empty();
    }

    @Override
    public List<ApprovalRequest> list(ApprovalQuery query) {
        return List.of();
    }

    @Override
    public VoteResult vote(String id, Identity reviewer, boolean approve, String comment) {
        return new VoteResult.Refused("not-found", "no approval request " + id);
    }

    @Override
    public Optional<AccessGrant> activeGrant(String subject, String connection, Instant now) {
        return Optional.empty();
    }

    @Override
    public List<AccessGrant> grants(Optional<String> subject, boolean includeEnded, int limit) {
        return List.of();
    }

    @Override
    public boolean revokeGrant(String grantId, Identity by, String reason) {
        return false;
    }
}
