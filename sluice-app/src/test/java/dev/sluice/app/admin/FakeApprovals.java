package dev.sluice.app.admin;

import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalQuery;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.approval.Approvals;
import dev.sluice.core.approval.HeldStatement;
import dev.sluice.core.approval.Vote;
import dev.sluice.core.approval.VoteResult;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.session.SessionContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link Approvals} with the voting rules the interface documents, for testing the HTTP layer and the
 * CLI without a store. Approving an access request opens a grant for its window.
 */
public final class FakeApprovals implements Approvals {

    /** The longest window {@link #requestAccess} accepts, like a connection's {@code max_window}. */
    public static final Duration MAX_WINDOW = Duration.ofHours(8);

    private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
    private final Map<String, AccessGrant> grants = new LinkedHashMap<>();
    private final Map<String, String> revokeReasons = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /** A pending statement request by {@code requester} that members of {@code approverGroups} may decide. */
    public synchronized ApprovalRequest holdStatement(String requester, String statement, List<String> approverGroups,
                                                      int minApprovals) {
        Instant now = Instant.now();
        ApprovalRequest request = new ApprovalRequest("apr-" + ids.incrementAndGet(), ApprovalKind.STATEMENT,
                ApprovalStatus.PENDING, "clinic", "session-1", "cmd-1", requester, requester, Set.of("dev"),
                "drop-needs-dba", statement, "cleanup", approverGroups, minApprovals, Duration.ZERO, now,
                now.plus(Duration.ofMinutes(5)), List.of(), Optional.empty(), "", "replica-a");
        requests.put(request.id(), request);
        return request;
    }

    /** An active grant for {@code subject}, as if an access request had been approved. */
    public synchronized AccessGrant addGrant(String subject, String connection, Duration window) {
        Instant now = Instant.now();
        AccessGrant grant = new AccessGrant("grant-" + ids.incrementAndGet(), "", subject, connection, "on call",
                now, now.plus(window), Optional.empty(), "");
        grants.put(grant.id(), grant);
        return grant;
    }

    public synchronized Optional<String> revokeReason(String grantId) {
        return Optional.ofNullable(revokeReasons.get(grantId));
    }

    @Override
    public HeldStatement hold(SessionContext session, String commandId, Decision.Review review, String statementText,
                              String justification) {
        throw new UnsupportedOperationException("the admin API never holds statements");
    }

    @Override
    public synchronized ApprovalRequest requestAccess(Identity requester, ConnectionSpec connection, Duration window,
                                                      String reason) {
        if (window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("connection " + connection.name() + " grants at most 8h at a time");
        }
        Instant now = Instant.now();
        ApprovalRequest request = new ApprovalRequest("acc-" + ids.incrementAndGet(), ApprovalKind.ACCESS,
                ApprovalStatus.PENDING, connection.name(), "", "", requester.subject(), requester.displayName(),
                requester.groups(), "access", "access to " + connection.name() + " for " + window, reason,
                List.of(), 1, window, now, now.plus(Duration.ofHours(1)), List.of(), Optional.empty(), "", "");
        requests.put(request.id(), request);
        return request;
    }

    @Override
    public synchronized Optional<ApprovalRequest> find(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized List<ApprovalRequest> list(ApprovalQuery query) {
        return requests.values().stream()
                .filter(r -> query.status().map(s -> s == r.status()).orElse(true))
                .filter(r -> query.kind().map(k -> k == r.kind()).orElse(true))
                .filter(r -> query.connection().map(c -> c.equals(r.connection())).orElse(true))
                .filter(r -> query.requester().map(s -> s.equals(r.requester())).orElse(true))
                .sorted(Comparator.comparing(ApprovalRequest::createdAt).reversed())
                .limit(query.limit()).toList();
    }

    @Override
    public synchronized VoteResult vote(String id, Identity reviewer, boolean approve, String comment) {
        ApprovalRequest r = requests.get(id);
        if (r == null) {
            return new VoteResult.Refused("not-found", "no approval request has id " + id);
        }
        if (r.status() != ApprovalStatus.PENDING) {
            return new VoteResult.Refused("not-pending", "request " + id + " is already " + r.status().label());
        }
        if (r.requester().equals(reviewer.subject())) {
            return new VoteResult.Refused("self-approval", "you cannot decide your own request");
        }
        if (!r.approverGroups().isEmpty() && r.approverGroups().stream().noneMatch(reviewer::inGroup)) {
            return new VoteResult.Refused("not-an-approver", "only members of " + r.approverGroups() + " may decide");
        }
        if (r.votes().stream().anyMatch(v -> v.reviewer().equals(reviewer.subject()))) {
            return new VoteResult.Refused("already-voted", "you already voted on " + id);
        }
        Instant now = Instant.now();
        List<Vote> votes = new ArrayList<>(r.votes());
        votes.add(new Vote(reviewer.subject(), reviewer.displayName(), approve, comment, now));
        long approvals = votes.stream().filter(Vote::approve).count();
        ApprovalStatus status = !approve ? ApprovalStatus.REJECTED
                : approvals >= r.minApprovals() ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
        ApprovalRequest updated = new ApprovalRequest(r.id(), r.kind(), status, r.connection(), r.sessionId(),
                r.commandId(), r.requester(), r.requesterName(), r.requesterGroups(), r.rule(), r.statement(),
                r.justification(), r.approverGroups(), r.minApprovals(), r.accessWindow(), r.createdAt(),
                r.expiresAt(), votes, status.isFinal() ? Optional.of(now) : Optional.empty(),
                approve ? "" : comment, r.holder());
        requests.put(id, updated);
        if (status == ApprovalStatus.APPROVED && r.kind() == ApprovalKind.ACCESS) {
            AccessGrant grant = new AccessGrant("grant-" + ids.incrementAndGet(), id, r.requester(), r.connection(),
                    r.justification(), now, now.plus(r.accessWindow()), Optional.empty(), "");
            grants.put(grant.id(), grant);
        }
        return new VoteResult.Counted(updated);
    }

    @Override
    public synchronized Optional<AccessGrant> activeGrant(String subject, String connection, Instant now) {
        return grants.values().stream().filter(g -> g.subject().equals(subject) && g.connection().equals(connection))
                .filter(g -> g.activeAt(now)).findFirst();
    }

    @Override
    public synchronized List<AccessGrant> grants(Optional<String> subject, boolean includeEnded, int limit) {
        Instant now = Instant.now();
        return grants.values().stream()
                .filter(g -> subject.map(s -> s.equals(g.subject())).orElse(true))
                .filter(g -> includeEnded || g.activeAt(now))
                .sorted(Comparator.comparing(AccessGrant::startsAt).reversed())
                .limit(limit).toList();
    }

    @Override
    public synchronized boolean revokeGrant(String grantId, Identity by, String reason) {
        AccessGrant g = grants.get(grantId);
        if (g == null || !g.activeAt(Instant.now())) {
            return false;
        }
        grants.put(grantId, new AccessGrant(g.id(), g.approvalId(), g.subject(), g.connection(), g.reason(),
                g.startsAt(), g.endsAt(), Optional.of(Instant.now()), by.subject()));
        revokeReasons.put(grantId, reason);
        return true;
    }
}
