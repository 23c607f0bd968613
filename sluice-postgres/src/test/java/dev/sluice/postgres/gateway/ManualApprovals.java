package dev.sluice.postgres.gateway;

import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalQuery;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.approval.Approvals;
import dev.sluice.core.approval.HeldStatement;
import dev.sluice.core.approval.VoteResult;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.session.SessionContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Approvals a test decides by hand: each held statement is queued for the test, which approves, rejects or leaves it
 * to time out; grants are whatever the test puts in. The real service (store, replicas, audit) is tested elsewhere;
 * this one lets the protocol tests see exactly what a client sees while a statement is held.
 */
public final class ManualApprovals implements Approvals {

    /** One held statement, as the test sees it. */
    public static final class Held implements HeldStatement {
        private final ApprovalRequest request;
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private volatile String withdrawnBecause = "";

        Held(ApprovalRequest request) {
            this.request = request;
        }

        @Override
        public ApprovalRequest request() {
            return request;
        }

        @Override
        public Outcome await(Duration timeout) throws InterruptedException {
            try {
                return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return new Outcome.NotApproved(request, "no decision within " + timeout.toSeconds() + " s");
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Like the real service: the first ending counts, a later withdrawal changes nothing. */
        @Override
        public synchronized void withdraw(String reason) {
            if (outcome.complete(new Outcome.NotApproved(request, "withdrawn: " + reason))) {
                withdrawnBecause = reason;
            }
        }

        public void approve() {
            outcome.complete(new Outcome.Approved(request));
        }

        public void reject(String reason) {
            outcome.complete(new Outcome.NotApproved(request, reason));
        }

        /** Why the request was withdrawn; empty when it was not. */
        public String withdrawnBecause() {
            return withdrawnBecause;
        }
    }

    private final BlockingQueue<Held> held = new LinkedBlockingQueue<>();
    private final List<Held> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, AccessGrant> grants = new ConcurrentHashMap<>();
    private volatile boolean approveAtOnce;

    /** From now on every held statement is approved as soon as it is held (the client still gets the notice). */
    public ManualApprovals approvingEverything() {
        approveAtOnce = true;
        return this;
    }

    /** The next statement held, waiting up to ten seconds for one. */
    public Held nextHeld() throws InterruptedException {
        Held next = held.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no statement was held for approval within 10 s");
        }
        return next;
    }

    /** Rejects whatever is still held and forgets it: a test's leftovers must not reach the next test. */
    public void rejectLeftovers() {
        for (Held h : all) {
            h.reject("test over");
        }
        all.clear();
        held.clear();
    }

    public void grant(AccessGrant grant) {
        grants.put(grant.id(), grant);
    }

    public void revoke(String grantId) {
        grants.computeIfPresent(grantId, (id, g) -> new AccessGrant(g.id(), g.approvalId(), g.subject(),
                g.connection(), g.reason(), g.startsAt(), g.endsAt(), Optional.of(Instant.now()), "test"));
    }

    @Override
    public HeldStatement hold(SessionContext session, String commandId, Decision.Review review, String statementText,
                              String justification) {
        Instant now = Instant.now();
        ApprovalRequest request = new ApprovalRequest("apr_test" + held.size(), ApprovalKind.STATEMENT,
                ApprovalStatus.PENDING, session.connection().name(), session.id(), commandId,
                session.identity().subject(), session.identity().displayName(), session.identity().groups(),
                review.rule(), statementText, justification, review.approverGroups(), review.minApprovals(),
                Duration.ZERO, now, now.plus(review.timeout()), List.of(), Optional.empty(), "", "test");
        Held h = new Held(request);
        if (approveAtOnce) {
            h.approve();
        }
        all.add(h);
        held.add(h);
        return h;
    }

    @Override
    public ApprovalRequest requestAccess(Identity requester, ConnectionSpec connection, Duration window,
                                         String reason) {
        throw new UnsupportedOperationException("not used by these tests");
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
        return new VoteResult.Refused("not-found", "not used by these tests");
    }

    @Override
    public Optional<AccessGrant> activeGrant(String subject, String connection, Instant now) {
        return grants.values().stream()
                .filter(g -> g.subject().equals(subject) && g.connection().equals(connection) && g.activeAt(now))
                .findFirst();
    }

    @Override
    public List<AccessGrant> grants(Optional<String> subject, boolean includeEnded, int limit) {
        return List.copyOf(grants.values());
    }

    @Override
    public boolean revokeGrant(String grantId, Identity by, String reason) {
        revoke(grantId);
        return true;
    }
}
