package dev.sluice.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * What the core decided about a command. Sealed and switched over exhaustively (no {@code default}) by every
 * protocol module, so a new kind of decision breaks compilation rather than failing open at run time.
 */
public sealed interface Decision {

    /** Run the command; mask what flows back according to the plan. */
    record Allow(MaskPlan maskPlan) implements Decision {
        public Allow {
            Objects.requireNonNull(maskPlan, "maskPlan");
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

    /** Hold the command until the named groups approve it. */
    record Review(String rule, List<String> approverGroups) implements Decision {
        public Review {
            Objects.requireNonNull(rule, "rule");
            approverGroups = List.copyOf(approverGroups);
        }
    }

    static Decision allow() {
        return new Allow(MaskPlan.NONE);
    }

    /** One word for audit and metrics: {@code allow}, {@code deny}, {@code review}. */
    default String outcome() {
        return switch (this) {
            case Allow a -> "allow";
            case Deny d -> "deny";
            case Review r -> "review";
        };
    }
}
