package dev.sluice.core.audit;

/** The audit log could not record an event. The message names the store problem, never event contents. */
public final class AuditUnavailableException extends Exception {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
