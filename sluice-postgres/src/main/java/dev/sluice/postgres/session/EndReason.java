package dev.sluice.postgres.session;

/** How a session ended, in the audit log's words ({@code AuditEvent.SessionEnded#reason}). */
public enum EndReason {
    CLIENT_TERMINATE("client-terminate"),
    CLIENT_DISCONNECT("client-disconnect"),
    UPSTREAM_CLOSED("upstream-closed"),
    IDLE_TIMEOUT("idle-timeout"),
    PROTOCOL_ERROR("protocol-error"),
    SHUTDOWN("shutdown"),
    /** An administrator ended it ({@code sluice sessions kill}). */
    KILLED("killed"),
    /** The just-in-time access grant it was opened under expired or was revoked. */
    ACCESS_ENDED("access-ended"),
    /** A fault in the gateway itself; the session is closed rather than continued in an unknown state. */
    GATEWAY_ERROR("gateway-error");

    private final String auditName;

    EndReason(String auditName) {
        this.auditName = auditName;
    }

    public String auditName() {
        return auditName;
    }
}
