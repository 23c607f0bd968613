package dev.sluice.core.policy.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.sluice.core.command.Command;
import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.core.policy.Policy;
import dev.sluice.core.policy.ProtectedData;
import dev.sluice.core.session.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy made of rules with CEL conditions ({@link RuleSet}), compiled once and judged for every command.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>Each statement of a command is judged on its own: a multi-statement string cannot hide a DROP behind a
 *       SELECT.</li>
 *   <li>For one statement, rules are tried in order. The first matching {@code allow}, {@code deny} or
 *       {@code review} rule decides it, and later rules are not tried. A matching {@code warn} rule is noted and
 *       the next rule is tried. No deciding rule matching means allow.</li>
 *   <li>The command's decision is the strongest of its statements' decisions: deny over review over allow. The
 *       first statement (in order) with the strongest decision gives the rule and message. A command with no
 *       statements (an empty query) is allowed.</li>
 *   <li>When the command is allowed, the {@code warn} rules that matched any of its statements come with the
 *       allow decision ({@link Decision.Allow#warnings()}, each named once, in the order first matched) and are
 *       audited. A denied or held command carries only its deciding rule.</li>
 * </ul>
 *
 * <h2>Fail closed</h2>
 * <ul>
 *   <li>A statement the analysis could not see into (see {@link StatementVisibility}: it did not parse and its
 *       keywords do not say everything; a DO block; a fastpath function call) makes every {@code deny} and
 *       {@code review} rule whose condition uses a {@code statement.} field match without being evaluated, and
 *       every such {@code allow} rule not match. Rules that use only {@code identity}, {@code connection},
 *       {@code session}, {@code command} and {@code time} are evaluated as usual. Which fields a condition uses
 *       is read from its compiled syntax tree.</li>
 *   <li>A condition that fails at run time (an index out of range, a division by zero) counts as matching for
 *       {@code deny}, {@code review} and {@code warn} rules, and as not matching for {@code allow} rules. The
 *       first failure of each rule is logged at WARN with the rule's name and CEL's error code, never the
 *       statement.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * The facts ({@link Facts}) are built once per command and computed lazily; conditions are compiled CEL
 * programs. Ten typical rules cost a few microseconds per statement (see {@code RulePolicyCostTest}).
 *
 * <p>The mask plan of an allow decision is {@link MaskPlan#NONE}: masking is a separate policy's concern.
 */
public final class RulePolicy implements Policy {

    private static final Logger LOG = LoggerFactory.getLogger(RulePolicy.class);

    private final RuleSet rules;
    private final ProtectedData protectedData;
    private final Clock clock;
    /** Rules whose evaluation failure was logged already: once per rule, not per statement. */
    private final Set<String> failuresLogged = ConcurrentHashMap.newKeySet();

    /**
     * @param rules         the compiled rules
     * @param protectedData answers {@code statement.touches_protected}
     * @param clock         the time {@code now} and {@code time.*} are taken from
     */
    public RulePolicy(RuleSet rules, ProtectedData protectedData, Clock clock) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.protectedData = Objects.requireNonNull(protectedData, "protectedData");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The policy's name, as connections refer to it. */
    public String name() {
        return rules.name();
    }

    @Override
    public Decision decide(SessionContext session, Command command) {
        return switch (command) {
            case SqlCommand sql -> decide(session, sql);
        };
    }

    private Decision decide(SessionContext session, SqlCommand command) {
        if (command.statements().isEmpty()) {
            return Decision.allow();
        }
        Facts facts = new Facts(session, command, ZonedDateTime.ofInstant(clock.instant(), rules.timeZone()),
                protectedData);
        Set<String> warnings = new LinkedHashSet<>();
        Decision strongest = null;
        for (SqlStatement statement : command.statements()) {
            facts.judge(statement);
            Match decidedBy = judge(statement, facts, warnings);
            if (decidedBy == null || decidedBy.rule().action() == RuleAction.ALLOW) {
                continue;
            }
            Decision decision = decisionOf(decidedBy);
            if (strongest == null || strength(decision) > strength(strongest)) {
                strongest = decision;
                if (decision instanceof Decision.Deny) {
                    break; // nothing is stronger
                }
            }
        }
        return strongest != null ? strongest : new Decision.Allow(MaskPlan.NONE, List.copyOf(warnings));
    }

    /**
     * A rule that decides a statement, and whether it matched without its condition being checked (the statement
     * could not be analysed, or the condition failed): the client is then told so, rather than being given a
     * message about something the statement may not do at all.
     */
    private record Match(Rule rule, boolean unchecked) {
    }

    /** The rule that decides one statement, or null when none does; matching warn rules go to {@code warnings}. */
    private Match judge(SqlStatement statement, Facts facts, Set<String> warnings) {
        boolean analysed = StatementVisibility.analysed(statement);
        for (Rule rule : rules.rules()) {
            Matching matching = matches(rule, analysed, facts);
            if (matching != Matching.NO) {
                if (!rule.action().decides()) {
                    warnings.add(rule.name());
                    continue;
                }
                return new Match(rule, matching == Matching.UNCHECKED);
            }
        }
        return null;
    }

    /** Whether a rule matches: no, yes, or taken as matching without its condition having been checked. */
    private enum Matching { NO, YES, UNCHECKED }

    private Matching matches(Rule rule, boolean analysed, Facts facts) {
        if (!analysed && rule.when().readsStatement()) {
            switch (rule.action()) {
                case DENY, REVIEW -> {
                    return Matching.UNCHECKED;
                }
                case ALLOW -> {
                    return Matching.NO;
                }
                case WARN -> {
                    // A warning decides nothing: judge it on what is known.
                }
            }
        }
        try {
            return rule.when().test(facts) ? Matching.YES : Matching.NO;
        } catch (CelEvaluationException | RuntimeException e) {
            logFailureOnce(rule, e);
            return rule.action() != RuleAction.ALLOW ? Matching.UNCHECKED : Matching.NO;
        }
    }

    private void logFailureOnce(Rule rule, Exception e) {
        if (failuresLogged.add(rule.name())) {
            String cause = e instanceof CelEvaluationException cel && cel.getErrorCode() != null
                    ? cel.getErrorCode().name() : e.getClass().getSimpleName();
            LOG.warn("policy {}: the condition of rule {} failed at run time ({}); the rule is treated as {} "
                            + "(logged once per rule)", rules.name(), rule.name(), cause,
                    rule.action() == RuleAction.ALLOW ? "not matching" : "matching");
        }
    }

    private static Decision decisionOf(Match match) {
        Rule rule = match.rule();
        String reason = match.unchecked()
                ? "the gateway could not check this statement against the rule, which treats what it cannot check as "
                + "matching (the rule: " + rule.reason() + ")"
                : rule.reason();
        return switch (rule.action()) {
            case DENY -> new Decision.Deny(rule.name(), reason);
            case REVIEW -> new Decision.Review(rule.name(), reason, rule.review().approvers(),
                    rule.review().minApprovals(), rule.review().timeout(), rule.review().channels());
            case ALLOW, WARN -> throw new IllegalStateException("not a refusing action: " + rule.action());
        };
    }

    private static int strength(Decision decision) {
        return switch (decision) {
            case Decision.Deny d -> 2;
            case Decision.Review r -> 1;
            case Decision.Allow a -> 0;
        };
    }

    @Override
    public String toString() {
        return "RulePolicy[" + rules.name() + ", " + rules.rules().size() + " rules]";
    }
}
