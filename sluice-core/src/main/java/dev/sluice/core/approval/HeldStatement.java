package dev.sluice.core.approval;

import java.time.Duration;
import java.util.Objects;

/**
 * A statement held for approval in a live session. The protocol module tells its client about {@link #request()},
 * then waits in {@link #await(Duration)}; a CancelRequest or the session's end calls {@link #withdraw(String)} from
 * another thread, which wakes the waiter.
 */
public interface HeldStatement {

    /** The request as it was opened (id, approver groups, deadline). */
    ApprovalRequest request();

    /**
     * Blocks until the request is decided anywhere (this replica or another sharing the store), withdrawn, or
     * {@code timeout} passes (which expires it).
     */
    Outcome await(Duration timeout) throws InterruptedException;

    /** Takes the request back; harmless when it is already final. */
    void withdraw(String reason);

    /** How the wait ended. */
    sealed interface Outcome {
        /** Approved: run the statement. */
        record Approved(ApprovalRequest request) implements Outcome {
            public Approved {
                Objects.requireNonNull(request, "request");
            }
        }

        /** Rejected, expired, withdrawn or abandoned: do not run it; {@code reason} is safe to show the client. */
        record NotApproved(ApprovalRequest request, String reason) implements Outcome {
            public NotApproved {
                Objects.requireNonNull(request, "request");
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** The approvals store could not be reached: fail closed, do not run it. */
        record Unavailable(String reason) implements Outcome {
            public Unavailable {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }
}
