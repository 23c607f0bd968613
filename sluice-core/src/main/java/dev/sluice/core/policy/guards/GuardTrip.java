package dev.sluice.core.policy.guards;

import dev.sluice.core.masking.GuardMode;
import dev.sluice.core.policy.Decision;

import java.util.List;
import java.util.Objects;

/**
 * A statement tripped a guard.
 *
 * @param rule the guard's rule name ({@link GuardedPolicy#INFERENCE}, {@link GuardedPolicy#COPY_OUT},
 *             {@link GuardedPolicy#CODE_EXECUTION})
 * @param mode deny or review
 * @param what what the statement does, as a phrase ("filtering, joining or sorting on the protected column
 *             patients.ssn"); names tables and columns, never a value
 * @param why  why that is guarded, as a phrase ("it would let you infer masked values")
 */
record GuardTrip(String rule, GuardMode mode, String what, String why) {

    GuardTrip {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(why, "why");
        if (mode != GuardMode.DENY && mode != GuardMode.REVIEW) {
            throw new IllegalArgumentException("a guard that is off trips nothing");
        }
    }

    /** Deny is stronger than review. */
    boolean strongerThan(GuardTrip other) {
        return other == null || mode == GuardMode.DENY && other.mode == GuardMode.REVIEW;
    }

    /**
     * The decision: a denial, or a review any reviewer may approve once, within
     * {@link Decision.Review#DEFAULT_TIMEOUT}, announced on no channel.
     */
    Decision decision(String policy) {
        return switch (mode) {
            case DENY -> new Decision.Deny(rule, what + " is not allowed under policy " + policy + " (" + why + ")");
            case REVIEW -> new Decision.Review(rule, what + " needs approval under policy " + policy + " (" + why
                    + ")", List.of(), 1, Decision.Review.DEFAULT_TIMEOUT, List.of());
            case OFF -> throw new IllegalStateException("a guard that is off trips nothing");
        };
    }
}
