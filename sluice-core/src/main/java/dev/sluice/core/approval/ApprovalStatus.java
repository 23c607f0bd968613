package dev.sluice.core.approval;

/** Where an approval request stands. Every status but {@link #PENDING} is final. */
public enum ApprovalStatus {
    /** Waiting for reviewers. */
    PENDING,
    /** Enough approvals were given. */
    APPROVED,
    /** A reviewer rejected it. */
    REJECTED,
    /** Nobody decided before its deadline. */
    EXPIRED,
    /** The requester took it back (a CancelRequest, the session ending). */
    WITHDRAWN,
    /** The gateway holding the statement went away before a decision. */
    ABANDONED;

    public boolean isFinal() {
        return this != PENDING;
    }

    /** Lower-case name as stored and shown: {@code pending}, {@code approved}… */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
