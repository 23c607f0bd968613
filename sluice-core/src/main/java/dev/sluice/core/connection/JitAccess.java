package dev.sluice.core.connection;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Just-in-time access to a connection: an identity outside the static access list may ask for a time-boxed grant
 * ({@code sluice access request}); once reviewers approve it, the identity may open sessions until the window ends.
 *
 * @param requesterGroups who may ask; empty means anyone the gateway can identify
 * @param approverGroups  who may approve; empty means any reviewer
 * @param minApprovals    approvals needed, at least 1
 * @param maxWindow       the longest window a request may ask for
 * @param onExpiry        what happens to open sessions when the window closes or the grant is revoked
 */
public record JitAccess(List<String> requesterGroups, List<String> approverGroups, int minApprovals,
                        Duration maxWindow, OnExpiry onExpiry) {

    /** What happens to a session opened under a grant once the grant ends. */
    public enum OnExpiry {
        /** The gateway ends the session (FATAL to the client, recorded). */
        END,
        /** The session may continue; only new sessions are refused. */
        CONTINUE
    }

    public JitAccess {
        requesterGroups = List.copyOf(requesterGroups);
        approverGroups = List.copyOf(approverGroups);
        if (minApprovals < 1) {
            throw new IllegalArgumentException("minApprovals must be at least 1");
        }
        Objects.requireNonNull(maxWindow, "maxWindow");
        Objects.requireNonNull(onExpiry, "onExpiry");
    }

    /** Whether an identity with these groups may ask for a grant. */
    public boolean mayRequest(java.util.Set<String> groups) {
        return requesterGroups.isEmpty() || requesterGroups.stream().anyMatch(groups::contains);
    }
}
