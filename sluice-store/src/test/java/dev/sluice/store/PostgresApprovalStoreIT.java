package dev.sluice.store;

import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalService;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.approval.HeldStatement;
import dev.sluice.core.approval.Vote;
import dev.sluice.core.approval.VoteResult;
import dev.sluice.core.audit.StoredAuditEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sluice.store.TestApprovals.ALICE;
import static dev.sluice.store.TestApprovals.BOB;
import static dev.sluice.store.TestApprovals.CAROL;
import static dev.sluice.store.TestApprovals.review;
import static dev.sluice.store.TestApprovals.session;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval store contract on a real PostgreSQL (zonky embedded, one server for the class, a database per test),
 * and two gateway replicas (two stores, two services, different replica ids) sharing it.
 */
class PostgresApprovalStoreIT extends ApprovalStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected String newStoreUrl() throws SQLException {
        String database = "approvals_" + DATABASES.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
        return "postgresql://postgres@localhost:" + postgres.getPort() + "/" + database;
    }

    @Test
    void aStatementHeldOnReplicaAIsReleasedByAnApprovalGivenThroughReplicaB() throws Exception {
        try (Store storeA = Store.open(url); Store storeB = Store.open(url);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            ApprovalService replicaA = service(storeA, "replica-a", Duration.ofMillis(20));
            ApprovalService replicaB = service(storeB, "replica-b", Duration.ofMillis(20));
            HeldStatement held = replicaA.hold(session("s-a", ALICE), "c-1", review(1, Duration.ofMinutes(5)),
                    "DROP TABLE visits", "cleanup");
            Future<HeldStatement.Outcome> waiting = threads.submit(() -> held.await(Duration.ofMinutes(5)));

            assertThat(replicaB.find(held.request().id())).hasValueSatisfying(r -> {
                assertThat(r.statement()).isEqualTo("DROP TABLE visits");
                assertThat(r.holder()).isEqualTo("replica-a");
            });
            VoteResult vote = replicaB.vote(held.request().id(), BOB, true, "go");

            assertThat(vote).isInstanceOf(VoteResult.Counted.class);
            assertThat(waiting.get(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                    HeldStatement.Outcome.Approved.class,
                    a -> assertThat(a.request().resolution()).isEqualTo("approved by Bob"));
        }
    }

    @Test
    void aRejectionThroughReplicaBReachesTheClientOnReplicaAWithTheReason() throws Exception {
        try (Store storeA = Store.open(url); Store storeB = Store.open(url);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            ApprovalService replicaA = service(storeA, "replica-a", Duration.ofMillis(20));
            ApprovalService replicaB = service(storeB, "replica-b", Duration.ofMillis(20));
            HeldStatement held = replicaA.hold(session("s-a", ALICE), "c-1", review(1, Duration.ofMinutes(5)),
                    "DROP TABLE visits", "");
            Future<HeldStatement.Outcome> waiting = threads.submit(() -> held.await(Duration.ofMinutes(5)));

            replicaB.vote(held.request().id(), CAROL, false, "not during business hours");

            assertThat(waiting.get(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(
                    HeldStatement.Outcome.NotApproved.class,
                    no -> assertThat(no.reason()).isEqualTo("rejected by Carol: not during business hours"));
        }
    }

    @Test
    void concurrentVotesFromTwoReplicasApproveATwoApproverRequestExactlyOnce() throws Exception {
        int rounds = 10;
        try (Store storeA = Store.open(url); Store storeB = Store.open(url)) {
            ApprovalService replicaA = service(storeA, "replica-a", Duration.ofMillis(20));
            ApprovalService replicaB = service(storeB, "replica-b", Duration.ofMillis(20));
            for (int round = 0; round < rounds; round++) {
                HeldStatement held = replicaA.hold(session("s-race-" + round, ALICE), "c-1",
                        review(2, Duration.ofMinutes(5)), "TRUNCATE visits", "");

                List<VoteResult> results = voteAtOnce(held.request().id(), replicaA, replicaB);

                assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(VoteResult.Counted.class));
                assertThat(results).extracting(r -> ((VoteResult.Counted) r).request().status())
                        .as("one vote left it pending, the other approved it")
                        .containsExactlyInAnyOrder(ApprovalStatus.PENDING, ApprovalStatus.APPROVED);
                ApprovalRequest stored = replicaB.find(held.request().id()).orElseThrow();
                assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
                assertThat(stored.votes()).extracting(Vote::reviewer).containsExactlyInAnyOrder("bob", "carol");
                assertThat(held.await(Duration.ofMinutes(5))).isInstanceOf(HeldStatement.Outcome.Approved.class);
            }
        }
        try (Store store = Store.open(url)) {
            for (int round = 0; round < rounds; round++) {
                assertThat(store.auditReader().events("s-race-" + round)).extracting(StoredAuditEvent::type)
                        .as("round %d", round)
                        .containsExactlyInAnyOrder("approval.requested", "approval.vote", "approval.vote",
                                "approval.resolved");
            }
            assertThat(store.auditReader().verify().intact()).isTrue();
        }
    }
}
