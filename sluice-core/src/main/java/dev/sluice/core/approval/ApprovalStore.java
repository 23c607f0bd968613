package dev.sluice.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where approval requests and their votes are kept; implemented by the store module. Every replica of the gateway
 * sharing the store sees the same requests, which is how a vote cast through one replica releases a statement held on
 * another.
 *
 * <p>Methods throw a {@link RuntimeException} naming the problem (never stored content) when the database cannot
 * answer; nothing has changed then. {@link ApprovalService} turns those into {@link ApprovalsUnavailableException}.
 */
public interface ApprovalStore {

    /**
     * Stores a new request.
     *
     * @param channels the notification channels its rule named, kept so that whichever replica resolves the request
     *                 can tell them
     */
    void create(ApprovalRequest request, List<String> channels);

    /** The request with its votes in the order they were cast. */
    Optional<ApprovalRequest> find(String id);

    /** Requests matching the query, newest first, each with its votes. */
    List<ApprovalRequest> list(ApprovalQuery query);

    /** The notification channels stored with the request; empty when none or unknown. */
    List<String> channels(String id);

    /**
     * Casts a vote atomically, across replicas: locks the request (PostgreSQL: {@code SELECT … FOR UPDATE}; SQLite:
     * the write lock), reads it with its votes, asks {@code judge} for the {@link Verdict}, and writes what the
     * verdict says (the vote; the final status; the access grant) before the lock is released. Two reviewers voting
     * at once are therefore judged one after the other, each seeing the other's vote.
     *
     * @return empty when there is no such request; else {@link VoteResult.Refused} (nothing written) or
     * {@link VoteResult.Counted} with the request as it is after the vote
     */
    Optional<VoteResult> vote(String id, Vote vote, Function<ApprovalRequest, Verdict> judge);

    /**
     * Moves a pending request to a final status, atomically (compare-and-set): only when it is still
     * {@link ApprovalStatus#PENDING}.
     *
     * @return the request as resolved; empty when it is unknown or was already final
     */
    Optional<ApprovalRequest> resolve(String id, ApprovalStatus status, String resolution, Instant at);
}
