package dev.sluice.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where just-in-time access grants are kept; implemented by the store module. Grants for approved access requests
 * are normally written by {@link ApprovalStore#vote} in the approving transaction; {@link #create} is for grants made
 * otherwise. Like {@link ApprovalStore}, methods throw a {@link RuntimeException} when the database cannot answer.
 */
public interface GrantStore {

    void create(AccessGrant grant);

    Optional<AccessGrant> find(String id);

    /**
     * The grant letting {@code subject} connect to {@code connection} at {@code now}; of several, the one ending
     * last.
     */
    Optional<AccessGrant> active(String subject, String connection, Instant now);

    /**
     * Grants, newest first.
     *
     * @param subject  only this subject's; empty for everyone's
     * @param activeAt only grants active at that time (not revoked, not ended); empty for every grant
     * @param limit    at most this many
     */
    List<AccessGrant> list(Optional<String> subject, Optional<Instant> activeAt, int limit);

    /**
     * Revokes a grant that has not ended (compare-and-set).
     *
     * @return the grant as revoked; empty when unknown, already revoked or already ended at {@code at}
     */
    Optional<AccessGrant> revoke(String id, String by, Instant at);
}
