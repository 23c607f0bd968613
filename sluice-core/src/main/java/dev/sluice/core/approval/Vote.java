package dev.sluice.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * One reviewer's answer to an approval request.
 *
 * @param reviewer     the reviewer's subject
 * @param reviewerName the reviewer's display name
 * @param approve      true to approve, false to reject
 * @param comment      what the reviewer said (scrubbed of PHI before it is stored); empty when nothing
 * @param at           when the vote was cast
 */
public record Vote(String reviewer, String reviewerName, boolean approve, String comment, Instant at) {

    public Vote {
        Objects.requireNonNull(reviewer, "reviewer");
        Objects.requireNonNull(at, "at");
        reviewerName = reviewerName == null || reviewerName.isBlank() ? reviewer : reviewerName;
        comment = comment == null ? "" : comment;
    }
}
