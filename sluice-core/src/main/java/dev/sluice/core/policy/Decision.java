package dev.sluice.core.policy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the core decided about a command. Sealed and switched over exhaustively (no {@code default}) by every
 * protocol module, so a new kind of decision breaks compilation rather than failing open at run time.
 */
public sealed interface Decision {

    /**
     * Run the command; mask what flows back according to the plan.
     *
     * @param warnings the {@code warn} rules that matched: the command runs, and the audit log flags it with them
     */
    record Allow(MaskPlan maskPlan, List<String> warnings) implements Decision {
        public Allow {
            Objects.requireNonNull(maskPlan, "maskPlan");
            warnings = List.copyOf(warnings);
        }

        public Allow(MaskPlan maskPlan) {
            this(maskPlan, List.of());
        }
    }

    /**
     * Refuse the command; the session lives on.
     *
     * @param rule   the rule that refused it (shown to the client and audited)
     * @param reason a human sentence, safe to show: it names no secret and no row value
     */
    record Deny(String rule, String reason) implements Decision {
        public Deny {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Hold the command until people approve it.
     *
     * @param rule           the rule that asked for review
     * @param reason         why, in a sentence safe to show (the rule's message)
     * @param approverGroups groups whose members may decide; empty means any reviewer
     * @param minApprovals   approvals needed, at least 1
     * @param timeout        how long the command may wait before it is refused
     * @param channels       notification channels (webhook names) to tell
     */
    record Review(String rule, String reason, List<String> approverGroups, int minApprovals, Duration timeout,
                  List<String> channels) implements Decision {

        /** How long a review waits when its rule does not say. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

        public Review {
            Objects.requireNonNull(rule, "rule");
            reason = reason == null ? "" : reason;
            approverGroups = List.copyOf(approverGroups);
            if (minApprovals < 1) {
                throw new IllegalArgumentException("minApprovals must be at least 1");
            }
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            channels = List.copyOf(channels);
        }

        public Review(String rule, List<String> approverGroups) {
            this(rule, "", approverGroups, 1, DEFAULT_TIMEOUT, List.of());
        }
    }

    static Decision allow() {
        return new Allow(MaskPlan.NONE);
    }

    /** One word for audit and metrics: {@code allow}, {@code warn} (allowed, flagged), {@code deny}, {@code review}. */
    default String outcome() {
        return switch (this) {
            case Allow a -> a.warnings().isEmpty() ? "allow" : "warn";
            case Deny d -> "deny";
            case Review r -> "review";
        };
    }
}
