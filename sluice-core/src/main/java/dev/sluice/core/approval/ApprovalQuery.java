package dev.sluice.core.approval;

import java.util.Optional;

/**
 * Which approval requests to list. Empty fields match everything; results are newest first.
 *
 * @param status     only requests with this status
 * @param kind       only statements or only access requests
 * @param connection only requests on this connection
 * @param requester  only this requester's requests (subject)
 * @param limit      at most this many, 1..1000
 */
public record ApprovalQuery(Optional<ApprovalStatus> status, Optional<ApprovalKind> kind, Optional<String> connection,
                            Optional<String> requester, int limit) {

    public ApprovalQuery {
        status = status == null ? Optional.empty() : status;
        kind = kind == null ? Optional.empty() : kind;
        connection = connection == null ? Optional.empty() : connection;
        requester = requester == null ? Optional.empty() : requester;
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
    }

    public static ApprovalQuery pending() {
        return new ApprovalQuery(Optional.of(ApprovalStatus.PENDING), Optional.empty(), Optional.empty(),
                Optional.empty(), 100);
    }
}
