package dev.sluice.core.policy.rules;

import java.util.Objects;

/**
 * One policy rule: when its condition holds for a statement, its action applies.
 *
 * @param name    unique within its policy; named in decisions, the audit log and messages to the client
 * @param when    the compiled condition ({@link Condition#ALWAYS} when the rule has none)
 * @param action  what happens when it matches
 * @param message a sentence for the client and reviewers, safe to show; empty to use a generated one
 * @param review  approvers, approvals, timeout and channels; only used by {@link RuleAction#REVIEW}
 */
public record Rule(String name, Condition when, RuleAction action, String message, ReviewTerms review) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(action, "action");
        message = message == null ? "" : message;
        review = review == null ? ReviewTerms.DEFAULT : review;
    }

    public Rule(String name, Condition when, RuleAction action, String message) {
        this(name, when, action, message, ReviewTerms.DEFAULT);
    }

    /** The message, or one naming the rule when none was written. */
    String reason() {
        if (!message.isEmpty()) {
            return message;
        }
        return switch (action) {
            case DENY -> "refused by rule '" + name + "'";
            case REVIEW -> "rule '" + name + "' requires approval";
            case ALLOW, WARN -> "";
        };
    }
}
