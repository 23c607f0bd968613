package dev.sluice.core.audit;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The outcome of walking the audit chain.
 *
 * @param intact         true when every event checked out and the chain ends at its recorded head
 * @param eventsChecked  how many events, from seq 1, were found intact
 * @param firstBrokenSeq the first seq at which the chain is broken (for a gap: the first missing seq); empty when
 *                       intact
 * @param problem        what is wrong there, e.g. {@code hash mismatch at seq 42}; empty when intact
 */
public record ChainVerification(boolean intact, long eventsChecked, OptionalLong firstBrokenSeq, String problem) {

    public ChainVerification {
        Objects.requireNonNull(firstBrokenSeq, "firstBrokenSeq");
        Objects.requireNonNull(problem, "problem");
        if (eventsChecked < 0) {
            throw new IllegalArgumentException("eventsChecked must not be negative");
        }
        if (intact && (firstBrokenSeq.isPresent() || !problem.isEmpty())) {
            throw new IllegalArgumentException("an intact chain has no broken seq and no problem");
        }
        if (!intact && (firstBrokenSeq.isEmpty() || problem.isBlank())) {
            throw new IllegalArgumentException("a broken chain names its first broken seq and the problem");
        }
    }

    public static ChainVerification intact(long eventsChecked) {
        return new ChainVerification(true, eventsChecked, OptionalLong.empty(), "");
    }

    public static ChainVerification broken(long eventsChecked, long firstBrokenSeq, String problem) {
        return new ChainVerification(false, eventsChecked, OptionalLong.of(firstBrokenSeq), problem);
    }
}
