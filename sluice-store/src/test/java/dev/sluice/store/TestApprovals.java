package dev.sluice.store;

import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.connection.AccessList;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.JitAccess;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.session.SessionContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Approval requests, people and connections for store tests. */
final class TestApprovals {

    static final Identity ALICE = person("alice", "Alice", "dev");
    static final Identity BOB = person("bob", "Bob", "dba");
    static final Identity CAROL = person("carol", "Carol", "dba", "oncall-leads");
    static final Identity CONTRACTOR = person("ext-1", "Erin", "contractors");

    static final JitAccess JIT = new JitAccess(List.of("contractors"), List.of("oncall-leads"), 1,
            Duration.ofHours(8), JitAccess.OnExpiry.END);
    static final ConnectionSpec CLINIC = new ConnectionSpec("clinic-db", "postgresql", "pg",
            new Target("db.internal", 5432, "clinic", TlsMode.DISABLE, Optional.empty()),
            new Credentials("app", Optional.empty()), new AccessList(Set.of(), Set.of("dev"), Optional.of(JIT)),
            "prod");

    private TestApprovals() {
    }

    static Identity person(String subject, String name, String... groups) {
        return new Identity(subject, name, Set.of(groups), Identity.Proof.OIDC_TOKEN, "https://idp.example.org");
    }

    static SessionContext session(String id, Identity who) {
        return new SessionContext(id, "postgresql", who, CLINIC, "10.0.0.7:50123", "psql", TestEvents.T0);
    }

    static Decision.Review review(int minApprovals, Duration timeout) {
        return new Decision.Review("drop-needs-dba", "dropping tables needs a DBA", List.of("dba"), minApprovals,
                timeout, List.of("slack-dba"));
    }

    /** A pending statement request created at {@code createdAt}, expiring five minutes later. */
    static ApprovalRequest statement(String id, Instant createdAt, int minApprovals) {
        return new ApprovalRequest(id, ApprovalKind.STATEMENT, ApprovalStatus.PENDING, "clinic-db", "s-1", "c-1",
                "alice", "Alice", Set.of("dev", "analysts"), "drop-needs-dba", "DROP TABLE visits",
                "cleanup after the migration", List.of("dba", "oncall"), minApprovals, Duration.ZERO, createdAt,
                createdAt.plus(Duration.ofMinutes(5)), List.of(), Optional.empty(), "", "replica-a");
    }

    /** A pending access request for a 30-minute window. */
    static ApprovalRequest access(String id, Instant createdAt) {
        return new ApprovalRequest(id, ApprovalKind.ACCESS, ApprovalStatus.PENDING, "clinic-db", "", "", "ext-1",
                "Erin", Set.of("contractors"), "access", "access to clinic-db for 30m", "incident INC-42",
                List.of("oncall-leads"), 1, Duration.ofMinutes(30), createdAt, createdAt.plus(Duration.ofHours(1)),
                List.of(), Optional.empty(), "", "");
    }
}
