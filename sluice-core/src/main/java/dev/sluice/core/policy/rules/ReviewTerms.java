package dev.sluice.core.policy.rules;

import dev.sluice.core.policy.Decision;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Who must approve a statement a {@code review} rule holds, and how long it may wait.
 *
 * @param approvers    groups whose members may decide; empty means any reviewer
 * @param minApprovals approvals needed, at least 1
 * @param timeout      how long the statement may wait before it is refused
 * @param channels     notification channels (webhook names) to tell ({@code notify:} in the configuration)
 */
public record ReviewTerms(List<String> approvers, int minApprovals, Duration timeout, List<String> channels) {

    /** Any reviewer, one approval, {@link Decision.Review#DEFAULT_TIMEOUT}, nobody notified. */
    public static final ReviewTerms DEFAULT = new ReviewTerms(List.of(), 1, Decision.Review.DEFAULT_TIMEOUT, List.of());

    public ReviewTerms {
        approvers = List.copyOf(approvers);
        channels = List.copyOf(channels);
        Objects.requireNonNull(timeout, "timeout");
        if (minApprovals < 1) {
            throw new IllegalArgumentException("minApprovals must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }
}
