package dev.sluice.core.policy.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a rule does when its condition holds. */
public enum RuleAction {
    /** Run the statement; later rules are not tried. */
    ALLOW,
    /** Refuse the statement with the rule's message. */
    DENY,
    /** Hold the statement until people approve it. */
    REVIEW,
    /** Run it, flagged in the audit log with the rule's name; later rules are still tried. */
    WARN;

    /** The configuration spelling: {@code allow}, {@code deny}, {@code review}, {@code warn}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every configuration spelling, in declaration order. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(RuleAction::configName).toList();
    }

    public static Optional<RuleAction> fromConfigName(String name) {
        return Arrays.stream(values()).filter(a -> a.configName().equals(name)).findFirst();
    }

    /** Whether a matching rule of this action decides the statement (warn only flags it). */
    boolean decides() {
        return this != WARN;
    }
}
