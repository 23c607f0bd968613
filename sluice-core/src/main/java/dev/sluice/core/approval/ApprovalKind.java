package dev.sluice.core.approval;

/** What an approval request asks for. */
public enum ApprovalKind {
    /** Run one held statement in the session that sent it. */
    STATEMENT,
    /** Let an identity open sessions on a connection for a window of time (a just-in-time access grant). */
    ACCESS
}
