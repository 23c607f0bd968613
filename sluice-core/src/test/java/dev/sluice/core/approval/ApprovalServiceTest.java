package dev.sluice.core.approval;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.connection.AccessList;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.JitAccess;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.phi.TextScrubber;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.session.LiveSessions;
import dev.sluice.core.session.SessionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalServiceTest {

    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    /** So long that only the in-process signal can wake a waiter within a test. */
    private static final Duration NEVER_POLL = Duration.ofHours(1);
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private static final Identity ALICE = person("alice", "Alice", "dev");
    private static final Identity BOB = person("bob", "Bob", "dba");
    private static final Identity CAROL = person("carol", "Carol", "dba", "oncall-leads");
    private static final Identity DAVE = person("dave", "Dave", "dev");
    private static final Identity CONTRACTOR = person("ext-1", "Erin (contractor)", "contractors");

    private static final JitAccess JIT = new JitAccess(List.of("contractors"), List.of("oncall-leads"), 1,
            Duration.ofHours(8), JitAccess.OnExpiry.END);
    private static final ConnectionSpec CLINIC = connection("clinic", Optional.of(JIT));
    private static final ConnectionSpec REPORTS = connection("reports", Optional.empty());

    private final InMemoryGrantStore grants = new InMemoryGrantStore();
    private final InMemoryApprovalStore store = new InMemoryApprovalStore(grants);
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final LiveSessions liveSessions = new LiveSessions();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private TestClock clock = new TestClock(T0);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void anApprovalReleasesTheWaiterAtOnce() throws Exception {
        ApprovalService service = service(NEVER_POLL);
        HeldStatement held = service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE visits",
                "cleanup after migration");
        Waiter waiter = startWaiting(held, FIVE_MINUTES);

        VoteResult result = service.vote(held.request().id(), BOB, true, "ok");

        assertThat(result).isInstanceOfSatisfying(VoteResult.Counted.class,
                c -> assertThat(c.request().status()).isEqualTo(ApprovalStatus.APPROVED));
        assertThat(waiter.outcome()).isInstanceOfSatisfying(HeldStatement.Outcome.Approved.class, a -> {
            assertThat(a.request().resolution()).isEqualTo("approved by Bob");
            assertThat(a.request().votes()).extracting(Vote::reviewer).containsExactly("bob");
        });
        assertThat(audit.types()).containsExactly("approval.requested", "approval.vote", "approval.resolved");
        assertThat(notifier.told).extracting(RecordingNotifier.Told::what).containsExactly("requested", "resolved");
        assertThat(notifier.told).allSatisfy(t -> assertThat(t.channels()).containsExactly("slack-dba"));
    }

    @Test
    void aRejectionRefusesTheStatementWithTheReviewersWords() throws Exception {
        ApprovalService service = service(NEVER_POLL);
        HeldStatement held = service.hold(session(ALICE), "c-1", review(2, "dba"), "DROP TABLE visits", "");
        Waiter waiter = startWaiting(held, FIVE_MINUTES);

        service.vote(held.request().id(), BOB, false, "  not during business hours ");

        assertThat(waiter.outcome()).isInstanceOfSatisfying(HeldStatement.Outcome.NotApproved.class, no -> {
            assertThat(no.reason()).isEqualTo("rejected by Bob: not during business hours");
            assertThat(no.request().status()).isEqualTo(ApprovalStatus.REJECTED);
        });
        assertThat(audit.of(AuditEvent.ApprovalResolved.class)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("rejected");
            assertThat(r.sessionId()).isEqualTo("s-alice");
        });
    }

    @Test
    void twoApproversAreNeededWhenTheRuleSaysTwo() throws Exception {
        ApprovalService service = service(NEVER_POLL);
        HeldStatement held = service.hold(session(ALICE), "c-1", review(2, "dba"), "TRUNCATE visits", "");
        Waiter waiter = startWaiting(held, FIVE_MINUTES);
        String id = held.request().id();

        VoteResult first = service.vote(id, BOB, true, "");

        assertThat(first).isInstanceOfSatisfying(VoteResult.Counted.class,
                c -> assertThat(c.request().status()).isEqualTo(ApprovalStatus.PENDING));
        assertThat(waiter.done()).isFalse();

        service.vote(id, CAROL, true, "");

        assertThat(waiter.outcome()).isInstanceOfSatisfying(HeldStatement.Outcome.Approved.class,
                a -> assertThat(a.request().resolution()).isEqualTo("approved by Bob, Carol"));
        assertThat(audit.of(AuditEvent.ApprovalResolved.class)).hasSize(1);
    }

    @Test
    void theRequesterCannotVoteOnTheirOwnRequestEitherWay() {
        Identity aliceTheDba = person("alice", "Alice", "dba");
        ApprovalService service = service(NEVER_POLL);
        HeldStatement held = service.hold(session(aliceTheDba), "c-1", review(1, "dba"), "DROP TABLE x", "");
        String id = held.request().id();

        assertThat(service.vote(id, aliceTheDba, true, "")).isEqualTo(new VoteResult.Refused("self-approval",
                "you cannot vote on your own request " + id + "; another reviewer must decide it"));
        assertThat(service.vote(id, aliceTheDba, false, "")).isInstanceOfSatisfying(VoteResult.Refused.class,
                r -> assertThat(r.code()).isEqualTo("self-approval"));

        assertThat(service.find(id)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(r.votes()).isEmpty();
        });
        assertThat(audit.of(AuditEvent.ApprovalVoted.class)).extracting(AuditEvent.ApprovalVoted::result)
                .containsExactly("self-approval", "self-approval");
    }

    @Test
    void onlyMembersOfTheApproverGroupsMayVote() {
        ApprovalService service = service(NEVER_POLL);
        String id = service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "").request().id();

        assertThat(service.vote(id, DAVE, true, "")).isEqualTo(new VoteResult.Refused("not-an-approver",
                "only members of dba may decide request " + id));
        assertThat(service.find(id)).hasValueSatisfying(r -> assertThat(r.votes()).isEmpty());
    }

    @Test
    void withoutApproverGroupsAnyReviewerMayVote() {
        ApprovalService service = service(NEVER_POLL);
        String id = service.hold(session(ALICE), "c-1", review(1), "DROP TABLE x", "").request().id();

        assertThat(service.vote(id, DAVE, true, "")).isInstanceOf(VoteResult.Counted.class);
    }

    @Test
    void aReviewerVotesOnceAndFinalRequestsTakeNoVotes() {
        ApprovalService service = service(NEVER_POLL);
        String id = service.hold(session(ALICE), "c-1", review(2, "dba"), "DROP TABLE x", "").request().id();
        service.vote(id, BOB, true, "");

        assertThat(service.vote(id, BOB, true, "again")).isEqualTo(new VoteResult.Refused("already-voted",
                "you already voted on request " + id));

        service.vote(id, CAROL, false, "no");
        assertThat(service.vote(id, person("frank", "Frank", "dba"), true, ""))
                .isEqualTo(new VoteResult.Refused("not-pending", "request " + id + " is already rejected"));
        assertThat(service.vote("apr_nosuchrequest", BOB, true, ""))
                .isEqualTo(new VoteResult.Refused("not-found", "there is no approval request apr_nosuchrequest"));
    }

    @Test
    void nobodyDecidingBeforeTheTimeoutExpiresTheRequest() throws Exception {
        clock = new TestClock(T0, Duration.ofSeconds(30));
        ApprovalService service = service(Duration.ofMillis(1));
        HeldStatement held = service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "");

        HeldStatement.Outcome outcome = held.await(Duration.ofMinutes(2));

        assertThat(outcome).isInstanceOfSatisfying(HeldStatement.Outcome.NotApproved.class, no -> {
            assertThat(no.reason()).isEqualTo("no decision within 2m");
            assertThat(no.request().status()).isEqualTo(ApprovalStatus.EXPIRED);
        });
        assertThat(store.find(held.request().id())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ApprovalStatus.EXPIRED);
            assertThat(r.resolution()).isEqualTo("no decision within 2m");
        });
    }

    @Test
    void aVoteAfterTheDeadlineIsRefusedAndExpiresTheRequest() {
        ApprovalService service = service(NEVER_POLL);
        String id = service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "").request().id();
        clock.advance(FIVE_MINUTES);

        assertThat(service.vote(id, BOB, true, "")).isEqualTo(new VoteResult.Refused("not-pending",
                "request " + id + " has expired"));
        assertThat(store.find(id)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ApprovalStatus.EXPIRED);
            assertThat(r.resolution()).isEqualTo("no decision within 5m");
            assertThat(r.votes()).isEmpty();
        });
    }

    @Test
    void withdrawingFromAnotherThreadWakesTheWaiter() throws Exception {
        ApprovalService service = service(NEVER_POLL);
        HeldStatement held = service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "");
        Waiter waiter = startWaiting(held, FIVE_MINUTES);

        held.withdraw("the client cancelled");

        assertThat(waiter.outcome()).isInstanceOfSatisfying(HeldStatement.Outcome.NotApproved.class,
                no -> assertThat(no.reason()).isEqualTo("withdrawn: the client cancelled"));
        assertThat(store.find(held.request().id())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ApprovalStatus.WITHDRAWN);
            assertThat(r.resolution()).isEqualTo("withdrawn: the client cancelled");
        });
        assertThat(service.vote(held.request().id(), BOB, true, "")).isInstanceOfSatisfying(
                VoteResult.Refused.class, r -> assertThat(r.code()).isEqualTo("not-pending"));
    }

    @Test
    void anInterruptedWaiterWithdrawsTheRequestAndRethrows() throws Exception {
        ApprovalService service = service(NEVER_POLL);
        HeldStatement held = service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "");
        Waiter waiter = startWaiting(held, FIVE_MINUTES);

        waiter.thread().interrupt();

        assertThatThrownBy(waiter::outcome).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(store.find(held.request().id())).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ApprovalStatus.WITHDRAWN);
            assertThat(r.resolution()).isEqualTo("withdrawn: the session ended");
        });
    }

    @Test
    void aStoreThatCannotBeReachedUntilTheDeadlineFailsClosed() throws Exception {
        clock = new TestClock(T0, Duration.ofSeconds(30));
        ApprovalService service = service(Duration.ofMillis(1));
        HeldStatement held = service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "");
        store.goDown();

        HeldStatement.Outcome outcome = held.await(FIVE_MINUTES);

        assertThat(outcome).isInstanceOfSatisfying(HeldStatement.Outcome.Unavailable.class,
                u -> assertThat(u.reason()).contains(held.request().id()).contains("cannot be reached"));
        store.comeBack();
        assertThat(service.find(held.request().id())).hasValueSatisfying(
                r -> assertThat(r.status()).as("expired when next read").isEqualTo(ApprovalStatus.EXPIRED));
    }

    @Test
    void holdingFailsWhenTheStoreCannotRecordTheRequest() {
        ApprovalService service = service(NEVER_POLL);
        store.goDown();

        assertThatThrownBy(() -> service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", ""))
                .isInstanceOf(ApprovalsUnavailableException.class)
                .hasMessageContaining("could not store an approval request");
    }

    @Test
    void aVoteCastThroughAnotherReplicaReleasesTheStatementThroughTheStore() throws Exception {
        ApprovalService replicaA = service("replica-a", Duration.ofMillis(5));
        ApprovalService replicaB = service("replica-b", NEVER_POLL);
        HeldStatement held = replicaA.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "");
        Waiter waiter = startWaiting(held, FIVE_MINUTES);

        replicaB.vote(held.request().id(), BOB, true, "");

        assertThat(waiter.outcome()).isInstanceOf(HeldStatement.Outcome.Approved.class);
        assertThat(held.request().holder()).isEqualTo("replica-a");
    }

    @Test
    void statementsJustificationsAndCommentsAreScrubbedBeforeTheyAreStoredOrRecorded() throws Exception {
        TextScrubber ssn = text -> text.replaceAll("\\d{3}-\\d{2}-\\d{4}", "[SSN]");
        ApprovalService service = service("replica-a", NEVER_POLL, ssn);
        HeldStatement held = service.hold(session(ALICE), "c-1", review(1, "dba"),
                "DELETE FROM patients WHERE ssn = '123-45-6789'", "patient 123-45-6789 asked to be forgotten");
        String id = held.request().id();

        service.vote(id, BOB, false, "call 123-45-6789 first");

        ApprovalRequest stored = store.find(id).orElseThrow();
        assertThat(stored.statement()).isEqualTo("DELETE FROM patients WHERE ssn = '[SSN]'");
        assertThat(stored.justification()).isEqualTo("patient [SSN] asked to be forgotten");
        assertThat(stored.votes().getFirst().comment()).isEqualTo("call [SSN] first");
        assertThat(stored.resolution()).isEqualTo("rejected by Bob: call [SSN] first");
        assertThat(audit.events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("123-45-6789"));
        assertThat(notifier.told).allSatisfy(t -> assertThat(t.request().toString()).doesNotContain("123-45-6789"));
    }

    @Test
    void anApprovedAccessRequestIssuesAGrantForTheWindowAtOnce() {
        ApprovalService service = service(NEVER_POLL);
        ApprovalRequest request = service.requestAccess(CONTRACTOR, CLINIC, Duration.ofMinutes(30),
                "incident INC-42");

        assertThat(request.kind()).isEqualTo(ApprovalKind.ACCESS);
        assertThat(request.id()).matches("apr_[a-z2-7]{12}");
        assertThat(request.statement()).isEqualTo("access to clinic for 30m");
        assertThat(request.approverGroups()).containsExactly("oncall-leads");
        assertThat(request.expiresAt()).isEqualTo(T0.plus(ApprovalService.ACCESS_REQUEST_TTL));
        assertThat(request.sessionId()).isEmpty();
        assertThat(service.activeGrant("ext-1", "clinic", T0)).isEmpty();

        clock.advance(Duration.ofMinutes(3));
        assertThat(service.vote(request.id(), BOB, true, "")).isInstanceOfSatisfying(VoteResult.Refused.class,
                r -> assertThat(r.code()).isEqualTo("not-an-approver"));
        service.vote(request.id(), CAROL, true, "go ahead");

        Instant approvedAt = T0.plus(Duration.ofMinutes(3));
        AccessGrant grant = service.activeGrant("ext-1", "clinic", approvedAt).orElseThrow();
        assertThat(grant.id()).matches("grt_[a-z2-7]{12}");
        assertThat(grant.approvalId()).isEqualTo(request.id());
        assertThat(grant.startsAt()).isEqualTo(approvedAt);
        assertThat(grant.endsAt()).isEqualTo(approvedAt.plus(Duration.ofMinutes(30)));
        assertThat(grant.reason()).isEqualTo("incident INC-42");
        assertThat(service.activeGrant("ext-1", "clinic", grant.endsAt())).isEmpty();
        assertThat(service.activeGrant("ext-1", "reports", approvedAt)).isEmpty();
        assertThat(audit.types()).containsExactly("approval.requested", "approval.vote", "approval.vote",
                "approval.resolved", "grant.issued");
        assertThat(audit.events).allSatisfy(e -> assertThat(e.sessionId()).isEmpty());
    }

    @Test
    void accessRequestsOutsideWhatTheConnectionAllowsAreRefusedWithASentence() {
        ApprovalService service = service(NEVER_POLL);

        assertThatThrownBy(() -> service.requestAccess(CONTRACTOR, REPORTS, Duration.ofMinutes(30), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connection reports does not take access requests");
        assertThatThrownBy(() -> service.requestAccess(DAVE, CLINIC, Duration.ofMinutes(30), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only members of contractors may request access to clinic");
        assertThatThrownBy(() -> service.requestAccess(CONTRACTOR, CLINIC, Duration.ofHours(9), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connection clinic grants access for at most 8h; ask for a shorter window");
        assertThatThrownBy(() -> service.requestAccess(CONTRACTOR, CLINIC, Duration.ofSeconds(59), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an access window must be at least 1m");
        assertThat(store.list(ApprovalQuery.pending())).isEmpty();
    }

    @Test
    void anAccessRequestNobodyDecidesExpiresWhenNextRead() {
        ApprovalService service = service(NEVER_POLL);
        String id = service.requestAccess(CONTRACTOR, CLINIC, Duration.ofHours(1), "").id();
        clock.advance(ApprovalService.ACCESS_REQUEST_TTL);

        assertThat(service.list(ApprovalQuery.pending())).isEmpty();
        assertThat(service.find(id)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ApprovalStatus.EXPIRED);
            assertThat(r.resolution()).isEqualTo("no decision within 1h");
        });
        assertThat(audit.of(AuditEvent.ApprovalResolved.class)).hasSize(1);
    }

    @Test
    void revokingAGrantEndsTheSessionsItLetIn() {
        ApprovalService service = service(NEVER_POLL);
        AccessGrant grant = approvedGrant(service);
        List<String> ended = new ArrayList<>();
        liveSessions.register(new SessionContext("s-ext", "postgresql", CONTRACTOR, CLINIC, "10.0.0.2:1", "", T0),
                reason -> ended.add("s-ext: " + reason));
        liveSessions.register(new SessionContext("s-dev", "postgresql", DAVE, CLINIC, "10.0.0.3:1", "", T0),
                reason -> ended.add("s-dev: " + reason));

        assertThat(service.revokeGrant(grant.id(), CAROL, "incident closed")).isTrue();

        assertThat(ended).containsExactly("s-ext: access grant revoked");
        assertThat(service.activeGrant("ext-1", "clinic", clock.instant())).isEmpty();
        assertThat(grants.find(grant.id())).hasValueSatisfying(g -> {
            assertThat(g.revokedBy()).isEqualTo("carol");
            assertThat(g.revokedAt()).isPresent();
        });
        assertThat(service.grants(Optional.of("ext-1"), false, 10)).isEmpty();
        assertThat(service.grants(Optional.of("ext-1"), true, 10)).hasSize(1);
        assertThat(audit.of(AuditEvent.AccessGrantRevoked.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("incident closed");
            assertThat(r.sessionsEnded()).isEqualTo(1);
            assertThat(r.revokedBy()).isEqualTo("carol");
        });
        assertThat(service.revokeGrant(grant.id(), CAROL, "again")).isFalse();
        assertThat(service.revokeGrant("grt_unknown", CAROL, "")).isFalse();
    }

    @Test
    void revokingAGrantLeavesSessionsAloneWhenTheConnectionLetsThemContinue() {
        JitAccess continuing = new JitAccess(List.of("contractors"), List.of("oncall-leads"), 1, Duration.ofHours(8),
                JitAccess.OnExpiry.CONTINUE);
        ConnectionSpec lenient = connection("clinic", Optional.of(continuing));
        ApprovalService service = new ApprovalService(store, grants, audit, notifier, TextScrubber.NONE, clock,
                "replica-a", NEVER_POLL, name -> Optional.of(lenient), liveSessions);
        AccessGrant grant = approvedGrant(service);
        List<String> ended = new ArrayList<>();
        liveSessions.register(new SessionContext("s-ext", "postgresql", CONTRACTOR, lenient, "10.0.0.2:1", "", T0),
                ended::add);

        assertThat(service.revokeGrant(grant.id(), CAROL, "")).isTrue();

        assertThat(ended).isEmpty();
    }

    @Test
    void aRestartedReplicaAbandonsTheStatementsItWasHolding() {
        ApprovalService before = service("replica-a", NEVER_POLL);
        String mine = before.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "").request().id();
        String theirs = service("replica-b", NEVER_POLL)
                .hold(session(ALICE), "c-2", review(1, "dba"), "DROP TABLE y", "").request().id();

        ApprovalService after = service("replica-a", NEVER_POLL);

        assertThat(after.recoverAfterRestart()).isEqualTo(1);
        assertThat(after.find(mine)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(ApprovalStatus.ABANDONED);
            assertThat(r.resolution()).isEqualTo("abandoned: the gateway holding it restarted");
        });
        assertThat(after.find(theirs)).hasValueSatisfying(
                r -> assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING));
    }

    @Test
    void shuttingDownAbandonsTheHeldStatementsAndWakesTheirWaiters() throws Exception {
        ApprovalService service = service(NEVER_POLL);
        HeldStatement held = service.hold(session(ALICE), "c-1", review(1, "dba"), "DROP TABLE x", "");
        Waiter waiter = startWaiting(held, FIVE_MINUTES);

        service.shutdown("the gateway shut down");

        assertThat(waiter.outcome()).isInstanceOfSatisfying(HeldStatement.Outcome.NotApproved.class, no -> {
            assertThat(no.reason()).isEqualTo("abandoned: the gateway shut down");
            assertThat(no.request().status()).isEqualTo(ApprovalStatus.ABANDONED);
        });
    }

    private AccessGrant approvedGrant(ApprovalService service) {
        ApprovalRequest request = service.requestAccess(CONTRACTOR, CLINIC, Duration.ofHours(2), "on call");
        service.vote(request.id(), CAROL, true, "");
        return service.activeGrant("ext-1", "clinic", clock.instant()).orElseThrow();
    }

    // ---- fixtures ----

    private ApprovalService service(Duration pollInterval) {
        return service("replica-a", pollInterval);
    }

    private ApprovalService service(String replica, Duration pollInterval) {
        return service(replica, pollInterval, TextScrubber.NONE);
    }

    private ApprovalService service(String replica, Duration pollInterval, TextScrubber scrubber) {
        Clock serviceClock = clock;
        return new ApprovalService(store, grants, audit, notifier, scrubber, serviceClock, replica, pollInterval,
                name -> List.of(CLINIC, REPORTS).stream().filter(c -> c.name().equals(name)).findFirst(),
                liveSessions);
    }

    private static Identity person(String subject, String name, String... groups) {
        return new Identity(subject, name, Set.of(groups), Identity.Proof.OIDC_TOKEN, "https://idp.example.org");
    }

    private static ConnectionSpec connection(String name, Optional<JitAccess> jit) {
        return new ConnectionSpec(name, "postgresql", "pg",
                new Target("db.internal", 5432, name, TlsMode.DISABLE, Optional.empty()),
                new Credentials("app", Optional.empty()), new AccessList(Set.of(), Set.of("dev"), jit), "prod");
    }

    private static SessionContext session(Identity who) {
        return new SessionContext("s-" + who.subject(), "postgresql", who, CLINIC, "10.0.0.1:50000", "psql", T0);
    }

    private static Decision.Review review(int minApprovals, String... approvers) {
        return new Decision.Review("drop-needs-dba", "dropping tables needs a DBA", List.of(approvers), minApprovals,
                FIVE_MINUTES, List.of("slack-dba"));
    }

    /** A session thread waiting on a held statement. */
    private record Waiter(Future<HeldStatement.Outcome> future, Thread thread) {

        HeldStatement.Outcome outcome() throws Exception {
            return future.get(30, TimeUnit.SECONDS);
        }

        boolean done() {
            return future.isDone();
        }
    }

    /** Starts waiting on another thread and returns once that thread is parked in the wait. */
    private Waiter startWaiting(HeldStatement held, Duration timeout) throws InterruptedException {
        AtomicReference<Thread> waiting = new AtomicReference<>();
        Future<HeldStatement.Outcome> future = threads.submit(() -> {
            waiting.set(Thread.currentThread());
            return held.await(timeout);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waiting.get() == null || waiting.get().getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline || future.isDone()) {
                throw new AssertionError("the waiter never started waiting");
            }
            Thread.onSpinWait();
        }
        return new Waiter(future, waiting.get());
    }
}
