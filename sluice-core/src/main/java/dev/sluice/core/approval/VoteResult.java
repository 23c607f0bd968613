package dev.sluice.core.approval;

import java.util.Objects;

/** What became of a reviewer's vote. */
public sealed interface VoteResult {

    /** The vote counts; {@code request} is the request after it (possibly now approved or rejected). */
    record Counted(ApprovalRequest request) implements VoteResult {
        public Counted {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The vote was refused and changed nothing.
     *
     * @param code    stable, for APIs: {@code not-found}, {@code not-pending}, {@code self-approval},
     *                {@code not-an-approver}, {@code already-voted}
     * @param message a sentence for the reviewer
     */
    record Refused(String code, String message) implements VoteResult {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
