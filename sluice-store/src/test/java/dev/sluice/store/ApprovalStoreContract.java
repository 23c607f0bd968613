package dev.sluice.store;

import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalNotifier;
import dev.sluice.core.approval.ApprovalQuery;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalService;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.approval.ApprovalStore;
import dev.sluice.core.approval.GrantStore;
import dev.sluice.core.approval.HeldStatement;
import dev.sluice.core.approval.Verdict;
import dev.sluice.core.approval.Vote;
import dev.sluice.core.approval.VoteResult;
import dev.sluice.core.audit.AuditReader;
import dev.sluice.core.audit.ChainVerification;
import dev.sluice.core.audit.StoredAuditEvent;
import dev.sluice.core.phi.TextScrubber;
import dev.sluice.core.session.LiveSessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.sluice.store.TestApprovals.ALICE;
import static dev.sluice.store.TestApprovals.BOB;
import static dev.sluice.store.TestApprovals.CAROL;
import static dev.sluice.store.TestApprovals.CLINIC;
import static dev.sluice.store.TestApprovals.CONTRACTOR;
import static dev.sluice.store.TestApprovals.access;
import static dev.sluice.store.TestApprovals.review;
import static dev.sluice.store.TestApprovals.session;
import static dev.sluice.store.TestApprovals.statement;
import static dev.sluice.store.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the approval and grant stores must do, whatever the database. {@link SqliteApprovalStoreTest} and
 * {@link PostgresApprovalStoreIT} run it.
 */
abstract class ApprovalStoreContract {

    /** The URL of a new, empty store for this test. */
    protected abstract String newStoreUrl() throws Exception;

    protected String url;

    @BeforeEach
    void newStore() throws Exception {
        url = newStoreUrl();
    }

    @Test
    void aRequestComesBackAsItWasStored() {
        try (Store store = Store.open(url)) {
            ApprovalRequest held = statement("apr_held", T0, 2);
            ApprovalRequest asked = access("apr_asked", T0.plusSeconds(1));
            store.approvals().create(held, List.of("slack-dba", "pager"));
            store.approvals().create(asked, List.of());

            assertThat(store.approvals().find("apr_held")).contains(held);
            assertThat(store.approvals().find("apr_asked")).contains(asked);
            assertThat(store.approvals().find("apr_none")).isEmpty();
            assertThat(store.approvals().channels("apr_held")).containsExactly("slack-dba", "pager");
            assertThat(store.approvals().channels("apr_asked")).isEmpty();
            assertThat(store.approvals().channels("apr_none")).isEmpty();
        }
        try (Store reopened = Store.open(url)) {
            assertThat(reopened.approvals().find("apr_held")).contains(statement("apr_held", T0, 2));
        }
    }

    @Test
    void requestsAreListedNewestFirstAndFiltered() {
        try (Store store = Store.open(url)) {
            ApprovalStore approvals = store.approvals();
            approvals.create(statement("apr_1", T0, 1), List.of());
            approvals.create(access("apr_2", T0.plusSeconds(1)), List.of());
            approvals.create(statement("apr_3", T0.plusSeconds(2), 1), List.of());
            approvals.resolve("apr_3", ApprovalStatus.WITHDRAWN, "withdrawn: the client cancelled",
                    T0.plusSeconds(3));

            assertThat(approvals.list(query(null, null, 100))).extracting(ApprovalRequest::id)
                    .containsExactly("apr_3", "apr_2", "apr_1");
            assertThat(approvals.list(ApprovalQuery.pending())).extracting(ApprovalRequest::id)
                    .containsExactly("apr_2", "apr_1");
            assertThat(approvals.list(query(null, ApprovalKind.STATEMENT, 100))).extracting(ApprovalRequest::id)
                    .containsExactly("apr_3", "apr_1");
            assertThat(approvals.list(query(ApprovalStatus.WITHDRAWN, null, 100))).singleElement()
                    .satisfies(r -> assertThat(r.resolution()).isEqualTo("withdrawn: the client cancelled"));
            assertThat(approvals.list(query(null, null, 1))).extracting(ApprovalRequest::id).containsExactly("apr_3");
            assertThat(approvals.list(new ApprovalQuery(Optional.empty(), Optional.empty(), Optional.of("other-db"),
                    Optional.empty(), 100))).isEmpty();
            assertThat(approvals.list(new ApprovalQuery(Optional.empty(), Optional.empty(), Optional.of("clinic-db"),
                    Optional.of("ext-1"), 100))).extracting(ApprovalRequest::id).containsExactly("apr_2");
        }
    }

    @Test
    void votesAreStoredInOrderAndAFinalVoteResolvesTheRequest() {
        try (Store store = Store.open(url)) {
            ApprovalStore approvals = store.approvals();
            approvals.create(statement("apr_v", T0, 2), List.of());
            Vote bob = new Vote("bob", "Bob", true, "fine", T0.plusSeconds(10));
            Vote carol = new Vote("carol", "Carol", true, "", T0.plusSeconds(20));

            Optional<VoteResult> first = approvals.vote("apr_v", bob,
                    current -> new Verdict.Count(ApprovalStatus.PENDING, "", Optional.empty()));
            Optional<VoteResult> second = approvals.vote("apr_v", carol, current -> {
                assertThat(current.votes()).containsExactly(bob);
                return new Verdict.Count(ApprovalStatus.APPROVED, "approved by Bob, Carol", Optional.empty());
            });

            assertThat(first).hasValueSatisfying(r -> assertThat(r).isInstanceOfSatisfying(VoteResult.Counted.class,
                    c -> assertThat(c.request().status()).isEqualTo(ApprovalStatus.PENDING)));
            assertThat(second).hasValueSatisfying(r -> assertThat(r).isInstanceOfSatisfying(VoteResult.Counted.class,
                    c -> {
                        assertThat(c.request().status()).isEqualTo(ApprovalStatus.APPROVED);
                        assertThat(c.request().votes()).containsExactly(bob, carol);
                        assertThat(c.request().resolvedAt()).contains(carol.at());
                        assertThat(c.request().resolution()).isEqualTo("approved by Bob, Carol");
                    }));
            assertThat(approvals.find("apr_v").orElseThrow().votes()).containsExactly(bob, carol);
            assertThat(approvals.list(query(null, null, 10)).getFirst().votes()).containsExactly(bob, carol);
        }
    }

    @Test
    void aRefusedVoteOrAFailingJudgeWritesNothing() {
        try (Store store = Store.open(url)) {
            ApprovalStore approvals = store.approvals();
            approvals.create(statement("apr_r", T0, 1), List.of());
            Vote alice = new Vote("alice", "Alice", true, "", T0.plusSeconds(1));
            VoteResult.Refused refusal = new VoteResult.Refused("self-approval", "not your own");

            assertThat(approvals.vote("apr_r", alice, current -> new Verdict.Refuse(refusal))).contains(refusal);
            assertThatThrownBy(() -> approvals.vote("apr_r", alice, current -> {
                throw new IllegalStateException("the judge broke");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(approvals.vote("apr_none", alice, current -> {
                throw new AssertionError("no request, no judging");
            })).isEmpty();

            assertThat(approvals.find("apr_r")).hasValueSatisfying(r -> {
                assertThat(r.votes()).isEmpty();
                assertThat(r.status()).isEqualTo(ApprovalStatus.PENDING);
            });
            // the store is still usable: nothing was left locked
            assertThat(approvals.vote("apr_r", new Vote("bob", "Bob", true, "", T0.plusSeconds(2)),
                    current -> new Verdict.Count(ApprovalStatus.APPROVED, "approved by Bob", Optional.empty())))
                    .hasValueSatisfying(r -> assertThat(r).isInstanceOf(VoteResult.Counted.class));
        }
    }

    @Test
    void resolvingIsACompareAndSetFromPending() {
        try (Store store = Store.open(url)) {
            ApprovalStore approvals = store.approvals();
            approvals.create(statement("apr_c", T0, 1), List.of());

            Optional<ApprovalRequest> expired = approvals.resolve("apr_c", ApprovalStatus.EXPIRED,
                    "no decision within 5m", T0.plusSeconds(300));
            Optional<ApprovalRequest> late = approvals.resolve("apr_c", ApprovalStatus.WITHDRAWN, "withdrawn: late",
                    T0.plusSeconds(301));

            assertThat(expired).hasValueSatisfying(r -> {
                assertThat(r.status()).isEqualTo(ApprovalStatus.EXPIRED);
                assertThat(r.resolvedAt()).contains(T0.plusSeconds(300));
                assertThat(r.resolution()).isEqualTo("no decision within 5m");
            });
            assertThat(late).isEmpty();
            assertThat(approvals.resolve("apr_none", ApprovalStatus.EXPIRED, "", T0)).isEmpty();
            assertThat(approvals.find("apr_c").orElseThrow().status()).isEqualTo(ApprovalStatus.EXPIRED);
        }
    }

    @Test
    void approvingAnAccessRequestStoresItsGrantInTheSameTransaction() {
        try (Store store = Store.open(url)) {
            store.approvals().create(access("apr_a", T0), List.of());
            Instant approvedAt = T0.plusSeconds(60);
            AccessGrant grant = new AccessGrant("grt_1", "apr_a", "ext-1", "clinic-db", "incident INC-42",
                    approvedAt, approvedAt.plus(Duration.ofMinutes(30)), Optional.empty(), "");

            store.approvals().vote("apr_a", new Vote("carol", "Carol", true, "", approvedAt),
                    current -> new Verdict.Count(ApprovalStatus.APPROVED, "approved by Carol", Optional.of(grant)));

            assertThat(store.grants().find("grt_1")).contains(grant);
            assertThat(store.grants().active("ext-1", "clinic-db", approvedAt)).contains(grant);
        }
    }

    @Test
    void aGrantIsActiveFromItsStartUntilItsEndOrRevocation() {
        try (Store store = Store.open(url)) {
            GrantStore grants = store.grants();
            AccessGrant shorter = grant("grt_short", "ext-1", T0, Duration.ofMinutes(10));
            AccessGrant longer = grant("grt_long", "ext-1", T0.plusSeconds(1), Duration.ofHours(1));
            AccessGrant other = grant("grt_other", "ext-2", T0.plusSeconds(2), Duration.ofHours(1));
            grants.create(shorter);
            grants.create(longer);
            grants.create(other);

            assertThat(grants.active("ext-1", "clinic-db", T0.minusNanos(1000))).isEmpty();
            assertThat(grants.active("ext-1", "clinic-db", T0)).contains(shorter);
            assertThat(grants.active("ext-1", "clinic-db", T0.plusSeconds(5))).contains(longer);
            assertThat(grants.active("ext-1", "other-db", T0.plusSeconds(5))).isEmpty();
            assertThat(grants.active("ext-1", "clinic-db", longer.endsAt())).isEmpty();

            assertThat(grants.list(Optional.empty(), Optional.empty(), 10)).extracting(AccessGrant::id)
                    .containsExactly("grt_other", "grt_long", "grt_short");
            assertThat(grants.list(Optional.of("ext-1"), Optional.empty(), 10)).extracting(AccessGrant::id)
                    .containsExactly("grt_long", "grt_short");
            assertThat(grants.list(Optional.empty(), Optional.of(T0.plus(Duration.ofMinutes(20))), 10))
                    .extracting(AccessGrant::id).containsExactly("grt_other", "grt_long");
            assertThat(grants.list(Optional.empty(), Optional.empty(), 1)).extracting(AccessGrant::id)
                    .containsExactly("grt_other");

            Instant revokedAt = T0.plusSeconds(30);
            assertThat(grants.revoke("grt_long", "carol", revokedAt)).hasValueSatisfying(g -> {
                assertThat(g.revokedAt()).contains(revokedAt);
                assertThat(g.revokedBy()).isEqualTo("carol");
            });
            assertThat(grants.revoke("grt_long", "carol", revokedAt)).as("already revoked").isEmpty();
            assertThat(grants.revoke("grt_short", "carol", shorter.endsAt())).as("already ended").isEmpty();
            assertThat(grants.revoke("grt_none", "carol", revokedAt)).isEmpty();
            assertThat(grants.active("ext-1", "clinic-db", revokedAt)).contains(shorter);
        }
    }

    @Test
    void theServiceOnTheStoreRecordsEveryStepInTheAuditChain() throws Exception {
        try (Store store = Store.open(url)) {
            ApprovalService service = service(store, "replica-a", Duration.ofMillis(20));
            HeldStatement held = service.hold(session("s-held", ALICE), "c-7", review(1, Duration.ofMinutes(5)),
                    "DROP TABLE visits", "cleanup");
            service.vote(held.request().id(), BOB, true, "ok");
            assertThat(held.await(Duration.ofMinutes(5))).isInstanceOf(HeldStatement.Outcome.Approved.class);
            ApprovalRequest asked = service.requestAccess(CONTRACTOR, CLINIC, Duration.ofMinutes(30), "INC-42");
            service.vote(asked.id(), CAROL, true, "");
            AccessGrant grant = service.activeGrant("ext-1", "clinic-db", Instant.now()).orElseThrow();
            assertThat(service.revokeGrant(grant.id(), CAROL, "done")).isTrue();
            store.close(); // flushes the audit log

            try (Store reopened = Store.open(url)) {
                AuditReader reader = reopened.auditReader();
                assertThat(reader.verify().intact()).isTrue();
                assertThat(reader.events("s-held")).extracting(StoredAuditEvent::type)
                        .containsExactly("approval.requested", "approval.vote", "approval.resolved");
                assertThat(reader.events("")).extracting(StoredAuditEvent::type).containsExactly(
                        "approval.requested", "approval.vote", "approval.resolved", "grant.issued", "grant.revoked");
                assertThat(reader.sessions(10)).as("approval steps make no session of their own").isEmpty();
                assertThat(reopened.approvals().find(held.request().id())).hasValueSatisfying(
                        r -> assertThat(r.status()).isEqualTo(ApprovalStatus.APPROVED));
            }
        }
    }

    @Test
    void concurrentVotesOnATwoApproverRequestApproveItExactlyOnce() throws Exception {
        try (Store store = Store.open(url)) {
            ApprovalService first = service(store, "replica-a", Duration.ofMillis(20));
            ApprovalService second = service(store, "replica-b", Duration.ofMillis(20));
            for (int round = 0; round < 5; round++) {
                String sessionId = "s-race-" + round;
                HeldStatement held = first.hold(session(sessionId, ALICE), "c-1", review(2, Duration.ofMinutes(5)),
                        "TRUNCATE visits", "");
                List<VoteResult> results = voteAtOnce(held.request().id(), first, second);

                assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(VoteResult.Counted.class));
                assertThat(first.find(held.request().id())).hasValueSatisfying(r -> {
                    assertThat(r.status()).isEqualTo(ApprovalStatus.APPROVED);
                    assertThat(r.votes()).extracting(Vote::reviewer).containsExactlyInAnyOrder("bob", "carol");
                });
                assertThat(held.await(Duration.ofMinutes(5))).isInstanceOf(HeldStatement.Outcome.Approved.class);
            }
        }
        try (Store store = Store.open(url)) {
            for (int round = 0; round < 5; round++) {
                assertThat(store.auditReader().events("s-race-" + round)).extracting(StoredAuditEvent::type)
                        .filteredOn("approval.resolved"::equals).hasSize(1);
            }
            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(5 * 4));
        }
    }

    /** Bob votes through one service and Carol through the other, released at the same moment. */
    static List<VoteResult> voteAtOnce(String id, ApprovalService bobs, ApprovalService carols) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<VoteResult> bob = threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return bobs.vote(id, BOB, true, "");
            });
            Future<VoteResult> carol = threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return carols.vote(id, CAROL, true, "");
            });
            List<VoteResult> results = new ArrayList<>();
            results.add(bob.get(60, TimeUnit.SECONDS));
            results.add(carol.get(60, TimeUnit.SECONDS));
            return results;
        }
    }

    static ApprovalService service(Store store, String replica, Duration pollInterval) {
        return new ApprovalService(store.approvals(), store.grants(), store.auditLog(false), ApprovalNotifier.NONE,
                TextScrubber.NONE, Clock.system(ZoneOffset.UTC), replica, pollInterval,
                name -> name.equals(CLINIC.name()) ? Optional.of(CLINIC) : Optional.empty(), new LiveSessions());
    }

    private static AccessGrant grant(String id, String subject, Instant startsAt, Duration window) {
        return new AccessGrant(id, "apr_" + id, subject, "clinic-db", "on call", startsAt, startsAt.plus(window),
                Optional.empty(), "");
    }

    private static ApprovalQuery query(ApprovalStatus status, ApprovalKind kind, int limit) {
        return new ApprovalQuery(Optional.ofNullable(status), Optional.ofNullable(kind), Optional.empty(),
                Optional.empty(), limit);
    }
}
