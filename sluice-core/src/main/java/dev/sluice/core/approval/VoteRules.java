package dev.sluice.core.approval;

import dev.sluice.core.identity.Identity;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The rules a vote must pass, and what it does once it passes. Applied by the store to the request as it stands under
 * the request's lock (see {@link ApprovalStore#vote}).
 *
 * <ul>
 *   <li>Only a pending request before its deadline takes votes ({@code not-pending}).</li>
 *   <li>The requester never votes on their own request, neither to approve (the risk the rule exists for) nor to
 *       reject: a vote is a reviewer's act, so a request's votes are always other people's. A requester who changes
 *       their mind withdraws instead (cancels the held statement) ({@code self-approval}).</li>
 *   <li>When the request names approver groups, only their members vote ({@code not-an-approver}).</li>
 *   <li>Each reviewer votes once ({@code already-voted}).</li>
 *   <li>One rejection rejects; the {@code minApprovals}-th approval approves. Approving an access request issues its
 *       grant at once: from the approval, for the window asked.</li>
 * </ul>
 */
final class VoteRules {

    private VoteRules() {
    }

    static VoteResult.Refused notFound(String id) {
        return new VoteResult.Refused("not-found", "there is no approval request " + id);
    }

    /**
     * @param current  the request as it stands, with its votes
     * @param reviewer who votes
     * @param vote     the vote, its comment already scrubbed
     * @param grantIds new grant ids, called only when the vote approves an access request
     */
    static Verdict judge(ApprovalRequest current, Identity reviewer, Vote vote, Supplier<String> grantIds) {
        String id = current.id();
        if (current.status().isFinal()) {
            return refuse("not-pending", "request " + id + " is already " + current.status().label());
        }
        if (!vote.at().isBefore(current.expiresAt())) {
            return refuse("not-pending", "request " + id + " has expired");
        }
        if (current.requester().equals(reviewer.subject())) {
            return refuse("self-approval", "you cannot vote on your own request " + id
                    + "; another reviewer must decide it");
        }
        List<String> approvers = current.approverGroups();
        if (!approvers.isEmpty() && approvers.stream().noneMatch(reviewer::inGroup)) {
            return refuse("not-an-approver", "only members of " + String.join(", ", approvers)
                    + " may decide request " + id);
        }
        if (current.votes().stream().anyMatch(v -> v.reviewer().equals(reviewer.subject()))) {
            return refuse("already-voted", "you already voted on request " + id);
        }
        if (!vote.approve()) {
            String because = vote.comment().isBlank() ? "" : ": " + vote.comment().strip();
            return new Verdict.Count(ApprovalStatus.REJECTED, "rejected by " + vote.reviewerName() + because,
                    Optional.empty());
        }
        if (current.approvals() + 1 < current.minApprovals()) {
            return new Verdict.Count(ApprovalStatus.PENDING, "", Optional.empty());
        }
        String approvedBy = "approved by " + String.join(", ", Stream.concat(
                current.votes().stream().filter(Vote::approve).map(Vote::reviewerName),
                Stream.of(vote.reviewerName())).toList());
        Optional<AccessGrant> grant = current.kind() == ApprovalKind.ACCESS
                ? Optional.of(new AccessGrant(grantIds.get(), id, current.requester(), current.connection(),
                current.justification(), vote.at(), vote.at().plus(current.accessWindow()), Optional.empty(), ""))
                : Optional.empty();
        return new Verdict.Count(ApprovalStatus.APPROVED, approvedBy, grant);
    }

    private static Verdict refuse(String code, String message) {
        return new Verdict.Refuse(new VoteResult.Refused(code, message));
    }
}
