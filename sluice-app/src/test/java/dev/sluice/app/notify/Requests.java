package dev.sluice.app.notify;

import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Approval requests for the notifier tests. */
final class Requests {

    static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private Requests() {
    }

    static ApprovalRequest statement(String id, String statement) {
        return new ApprovalRequest(id, ApprovalKind.STATEMENT, ApprovalStatus.PENDING, "clinic", "s-1", "c-1",
                "alice@example.com", "Alice Example", Set.of("dev"), "drop-needs-dba", statement,
                "cleaning up the staging copy", List.of("dba"), 2, Duration.ZERO, CREATED,
                CREATED.plus(Duration.ofMinutes(10)), List.of(), Optional.empty(), "", "replica-a");
    }

    static ApprovalRequest statement(String id) {
        return statement(id, "DROP TABLE staging_visits");
    }
}
