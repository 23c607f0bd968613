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
 * Just-in-time approvals and access grants: what protocol modules, the admin API and the CLI use. Every step is
 * written to the store (so it survives restarts and is shared by replicas) and to the audit log.
 */
public interface Approvals {

    /**
     * Opens a request for a statement a policy sent to review, and returns the handle its session waits on.
     *
     * @param statementText the statement exactly as it will run; scrubbed of PHI before it is stored or shown
     * @param justification what the requester said about why (e.g. from {@code SET sluice.justification}); may be
     *                      empty
     * @throws ApprovalsUnavailableException when the request cannot be stored (the caller fails closed)
     */
    HeldStatement hold(SessionContext session, String commandId, Decision.Review review, String statementText,
                       String justification);

    /**
     * Asks for a just-in-time access grant for {@code requester} on {@code connection}.
     *
     * @throws IllegalArgumentException with a sentence for the requester when the window is longer than the
     *                                  connection allows, or the connection takes no access requests
     */
    ApprovalRequest requestAccess(Identity requester, ConnectionSpec connection, Duration window, String reason);

    Optional<ApprovalRequest> find(String id);

    List<ApprovalRequest> list(ApprovalQuery query);

    /**
     * A reviewer approves or rejects. Refused (changing nothing) when the request is unknown or final, when the
     * reviewer is the requester, is not in an approver group, or already voted.
     */
    VoteResult vote(String id, Identity reviewer, boolean approve, String comment);

    /** The grant letting {@code subject} connect to {@code connection} at {@code now}, if any. */
    Optional<AccessGrant> activeGrant(String subject, String connection, Instant now);

    /** Grants, newest first; {@code subject} empty for everyone's; {@code includeEnded} for expired and revoked too. */
    List<AccessGrant> grants(Optional<String> subject, boolean includeEnded, int limit);

    /** Revokes a grant at once; false when unknown or already ended. */
    boolean revokeGrant(String grantId, Identity by, String reason);
}
