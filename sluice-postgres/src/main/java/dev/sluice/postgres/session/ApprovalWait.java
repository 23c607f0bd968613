package dev.sluice.postgres.session;

import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.Approvals;
import dev.sluice.core.approval.ApprovalsUnavailableException;
import dev.sluice.core.approval.HeldStatement;
import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.core.session.SessionContext;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.NoticeResponse;
import dev.sluice.postgres.session.PgDecisions.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Holding one statement for approval, the PostgreSQL way: the client hears at once, in a NoticeResponse, who must
 * approve, the request id and the command that approves it; then the session's client thread waits (the client is
 * waiting for its answer anyway). Approved, the statement is forwarded as if it had just arrived; otherwise the client
 * gets an ErrorResponse in its place, exactly like a denial, and the session carries on.
 *
 * <p>Only one statement per session can be held (the client thread is the one waiting). A CancelRequest for the
 * session or the session's end withdraws it, from another thread, through {@link #withdraw}.
 */
final class ApprovalWait {

    private static final Logger log = LoggerFactory.getLogger(ApprovalWait.class);

    /** SQLSTATE 01000, warning: a notice that something needs the user's attention. */
    static final String NOTICE_SQLSTATE = "01000";

    /** Writes a notice to the client and flushes it: the client must see it before the wait. */
    @FunctionalInterface
    interface Notices {
        void send(byte[] noticeResponse) throws IOException;
    }

    private final Approvals approvals;
    private final SessionContext session;
    private final Notices notices;
    /** Guards the three fields below: the client thread opens and closes, other threads withdraw. */
    private final Object lock = new Object();
    private boolean opening;
    private String withdrawnWhileOpening;
    private HeldStatement held;

    ApprovalWait(Approvals approvals, SessionContext session, Notices notices) {
        this.approvals = approvals;
        this.session = session;
        this.notices = notices;
    }

    /**
     * Opens the request, tells the client, waits, and says what the session does with the statement now.
     *
     * @param justification what the client said about why (see {@link Justification}); may be empty
     */
    Verdict await(String commandId, SqlCommand command, Decision.Review review, String justification)
            throws IOException {
        HeldStatement statement;
        opening();
        try {
            statement = approvals.hold(session, commandId, review, command.text(), justification);
        } catch (ApprovalsUnavailableException e) {
            closed();
            log.warn("session {}: a statement needs approval (rule {}) but the request cannot be recorded: {}",
                    session.id(), review.rule(), e.getMessage());
            return PgDecisions.notApproved(review, "", "approval is required, and approval requests cannot be "
                    + "recorded right now");
        }
        ApprovalRequest request = statement.request();
        opened(statement);
        try {
            notices.send(new NoticeResponse(notice(request, review)).encode());
            HeldStatement.Outcome outcome = statement.await(review.timeout());
            return switch (outcome) {
                case HeldStatement.Outcome.Approved approved -> new Verdict.Forward(MaskPlan.NONE, "review");
                case HeldStatement.Outcome.NotApproved no -> PgDecisions.notApproved(review, request.id(), no.reason());
                case HeldStatement.Outcome.Unavailable u -> PgDecisions.notApproved(review, request.id(), u.reason());
            };
        } catch (InterruptedException e) {
            statement.withdraw("the session ended");
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a statement was held for approval", e);
        } catch (IOException e) {
            statement.withdraw("the client went away");
            throw e;
        } finally {
            closed();
        }
    }

    /**
     * Withdraws the held statement, if one is held or being opened (a cancel that arrives while the request is
     * being stored still withdraws it); false when there is none. Called from other threads.
     */
    boolean withdraw(String reason) {
        synchronized (lock) {
            if (held != null) {
                held.withdraw(reason);
                return true;
            }
            if (opening) {
                withdrawnWhileOpening = reason;
                return true;
            }
            return false;
        }
    }

    private void opening() {
        synchronized (lock) {
            opening = true;
            withdrawnWhileOpening = null;
        }
    }

    private void opened(HeldStatement statement) {
        synchronized (lock) {
            opening = false;
            held = statement;
            if (withdrawnWhileOpening != null) {
                statement.withdraw(withdrawnWhileOpening);
            }
        }
    }

    private void closed() {
        synchronized (lock) {
            opening = false;
            held = null;
        }
    }

    /**
     * What the client reads at once. psql prints it as {@code NOTICE:}, pgjdbc attaches it to the statement as a
     * warning. The message names who decides and the request; the hint is the command a reviewer runs.
     */
    static ErrorFields notice(ApprovalRequest request, Decision.Review review) {
        String who = review.approverGroups().isEmpty() ? "a reviewer"
                : "a member of " + String.join(" or ", review.approverGroups());
        String count = review.minApprovals() == 1 ? "" : " (" + review.minApprovals() + " approvals needed)";
        String message = "SLUICE-REVIEW: this statement is held until " + who + " approves it" + count
                + "; request " + request.id() + " (rule " + review.rule() + ")";
        String detail = (review.reason().isEmpty() ? "" : review.reason() + ". ")
                + "Waiting up to " + PgErrors.describe(review.timeout()) + "; cancel the query to withdraw the request.";
        return ErrorFields.of("NOTICE", NOTICE_SQLSTATE, message)
                .withDetail(detail)
                .withHint("a reviewer approves with: sluice approvals approve " + request.id());
    }

}
