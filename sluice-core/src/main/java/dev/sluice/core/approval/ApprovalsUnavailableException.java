package dev.sluice.core.approval;

/** The approvals store could not record a step; callers fail closed (the statement does not run). */
public final class ApprovalsUnavailableException extends RuntimeException {

    public ApprovalsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
