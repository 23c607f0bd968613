package dev.sluice.core.approval;

import java.util.Objects;
import java.util.Optional;

/**
 * What a vote does to the request it is cast on, as the approval rules judge it. An {@link ApprovalStore} asks for
 * the verdict while it holds the request locked and writes exactly what the verdict says, so the rules live in the
 * core and every store applies them the same way.
 */
public sealed interface Verdict {

    /** The vote is refused; nothing is written. */
    record Refuse(VoteResult.Refused refusal) implements Verdict {
        public Refuse {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    /**
     * The vote counts: store it. When {@code status} is final, the request resolves to it (with {@code resolution}
     * and the vote's time); when an approved request asks for access, {@code grant} is issued in the same
     * transaction, so an approved access request never lacks its grant.
     */
    record Count(ApprovalStatus status, String resolution, Optional<AccessGrant> grant) implements Verdict {
        public Count {
            Objects.requireNonNull(status, "status");
            resolution = resolution == null ? "" : resolution;
            grant = grant == null ? Optional.empty() : grant;
            if (grant.isPresent() && status != ApprovalStatus.APPROVED) {
                throw new IllegalArgumentException("only an approval issues a grant");
            }
        }
    }
}
