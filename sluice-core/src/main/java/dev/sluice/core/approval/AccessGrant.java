package dev.sluice.core.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A just-in-time permission for one identity to open sessions on one connection, for a window.
 *
 * @param id         grant id
 * @param approvalId the approved access request it came from
 * @param subject    who may connect
 * @param connection where
 * @param reason     the requester's reason (scrubbed)
 * @param startsAt   when the window opened (the approval)
 * @param endsAt     when it closes
 * @param revokedAt  when an admin revoked it, if one did
 * @param revokedBy  who revoked it; empty when not revoked
 */
public record AccessGrant(String id, String approvalId, String subject, String connection, String reason,
                          Instant startsAt, Instant endsAt, Optional<Instant> revokedAt, String revokedBy) {

    public AccessGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        approvalId = approvalId == null ? "" : approvalId;
        reason = reason == null ? "" : reason;
        revokedAt = revokedAt == null ? Optional.empty() : revokedAt;
        revokedBy = revokedBy == null ? "" : revokedBy;
    }

    /** Whether the grant lets its subject connect at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt.isEmpty() && !now.isBefore(startsAt) && now.isBefore(endsAt);
    }
}
