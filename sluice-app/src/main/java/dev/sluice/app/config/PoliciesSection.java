package dev.sluice.app.config;

import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.rules.Condition;
import dev.sluice.core.policy.rules.InvalidCondition;
import dev.sluice.core.policy.rules.Presets;
import dev.sluice.core.policy.rules.ReviewTerms;
import dev.sluice.core.policy.rules.Rule;
import dev.sluice.core.policy.rules.RuleAction;
import dev.sluice.core.policy.rules.RuleSet;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code policies:}, the rule sets connections are bound to ({@code connections[].policy}). The section is
 * optional; the policy {@code default} allows everything unless the file defines one by that name.
 *
 * <p>Every condition is compiled here, so a CEL syntax or type error stops the gateway at startup with the
 * position of its {@code when} and CEL's own message. Rules are tried in this order: the policy's own
 * {@code rules} (in file order), then its {@code presets} (in the order listed): hand-written rules are the
 * exceptions and refinements ("a DBA may drop tables"), so they come before the presets they refine.
 *
 * <p>{@code notify} names must be webhooks of {@code notifications.webhooks}, which is read first.
 *
 * <p>{@code masking} is read by {@link MaskingSection} (and its {@code custom_detectors} by
 * {@link CustomDetectorsSection}); the masking policy's guards and its protected columns then apply to the
 * connections that name the policy, alongside the rules.
 */
final class PoliciesSection {

    /** The policy every connection gets unless it names another; allows everything unless defined. */
    static final String DEFAULT_POLICY = "default";

    static final List<String> KEYS = List.of("name", "timezone", "presets", "rules", "masking");
    static final List<String> RULE_KEYS = List.of("name", "when", "action", "message", "approvers", "min_approvals",
            "timeout", "notify");
    static final List<String> PRESET_KEYS = List.of("preset", "action", "message", "approvers", "min_approvals",
            "timeout", "notify");
    /** Keys that only mean something for {@code action: review}. */
    static final List<String> REVIEW_KEYS = List.of("approvers", "min_approvals", "timeout", "notify");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    static final int MAX_APPROVALS = 10;
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    /**
     * @param policies the policies that read without a problem, in file order
     * @param names    every policy name written (even of a policy with a problem, so that a connection naming it
     *                 gets no second, misleading "unknown policy" error), plus {@link #DEFAULT_POLICY}
     */
    record Result(List<PolicyConfig> policies, Set<String> names) {

        Result {
            policies = List.copyOf(policies);
            names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
        }
    }

    private PoliciesSection() {
    }

    /** @param webhookNames every webhook name {@code notifications.webhooks} defines */
    static Result read(MappingReader root, ReadContext context, Set<String> webhookNames) {
        Problems problems = context.problems();
        Set<String> names = new LinkedHashSet<>();
        names.add(DEFAULT_POLICY);
        List<PolicyConfig> policies = new ArrayList<>();
        Optional<List<YamlNode>> items = root.list("policies");
        if (items.isEmpty()) {
            return new Result(policies, names);
        }
        UniqueNames unique = new UniqueNames("policy name", problems);
        for (int i = 0; i < items.get().size(); i++) {
            MappingReader.of(items.get().get(i), root.path("policies") + "[" + i + "]", problems, KEYS)
                    .flatMap(policy -> policy(policy, context, webhookNames, unique, names))
                    .ifPresent(policies::add);
        }
        return new Result(policies, names);
    }

    private static Optional<PolicyConfig> policy(MappingReader policy, ReadContext context,
                                                 Set<String> webhookNames, UniqueNames unique, Set<String> names) {
        Optional<String> name = policy.required("name",
                Values.matching(NAME, "use letters, digits, '_' and '-'"));
        name.ifPresent(names::add);
        boolean claimed = name.isPresent()
                && unique.claim(name.get(), policy.node("name").orElseThrow(), policy.path("name"));
        Optional<ZoneId> zone = policy.orDefault("timezone", timeZone(), ZoneOffset.UTC);
        RuleNames ruleNames = new RuleNames(policy.problems());
        Optional<List<Rule>> rules = rules(policy, webhookNames, ruleNames);
        Optional<List<Rule>> presets = presets(policy, webhookNames, ruleNames);
        CustomDetectorsSection.Result custom = CustomDetectorsSection.read(policy, policy.problems());
        Set<String> detectorNames = new TreeSet<>(CustomDetectorsSection.BUILT_IN);
        detectorNames.addAll(custom.names());
        Optional<MaskingPolicy> masking = MaskingSection.read(policy, context, detectorNames);
        if (!claimed || zone.isEmpty() || rules.isEmpty() || presets.isEmpty() || masking.isEmpty()) {
            return Optional.empty();
        }
        List<Rule> all = new ArrayList<>(rules.get());
        all.addAll(presets.get());
        return Optional.of(new PolicyConfig(new RuleSet(name.get(), zone.get(), all), masking.get(),
                custom.detectors()));
    }

    // ---- rules ------------------------------------------------------------------------------------------

    private static Optional<List<Rule>> rules(MappingReader policy, Set<String> webhookNames, RuleNames ruleNames) {
        Optional<List<YamlNode>> items = policy.list("rules");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<Rule> rules = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < items.get().size(); i++) {
            Optional<Rule> rule = MappingReader.of(items.get().get(i), policy.path("rules") + "[" + i + "]",
                    policy.problems(), RULE_KEYS).flatMap(reader -> rule(reader, webhookNames, ruleNames));
            complete &= rule.isPresent();
            rule.ifPresent(rules::add);
        }
        return complete ? Optional.of(rules) : Optional.empty();
    }

    private static Optional<Rule> rule(MappingReader rule, Set<String> webhookNames, RuleNames ruleNames) {
        Optional<String> name = rule.required("name", Values.matching(RULE_NAME,
                "use letters, digits, '_', '-' and '.'"));
        boolean claimed = name.isPresent() && ruleNames.claim(name.get(), rule.node("name").orElseThrow(),
                rule.path("name"));
        Optional<Condition> when = rule.has("when") ? rule.optional("when", condition())
                : Optional.of(Condition.ALWAYS);
        Optional<RuleAction> action = rule.required("action", action());
        Optional<String> message = rule.orDefault("message", Values.string(), "");
        Optional<ReviewTerms> review = reviewTerms(rule, action, webhookNames);
        if (!claimed || when.isEmpty() || action.isEmpty() || message.isEmpty() || review.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(name.get(), when.get(), action.get(), message.get(), review.get()));
    }

    /** A CEL condition, compiled; CEL's message names the position within the expression. */
    private static ValueParser<Condition> condition() {
        return Values.string().then(source -> {
            try {
                return Condition.compile(source);
            } catch (InvalidCondition e) {
                throw new InvalidValue(e.getMessage());
            }
        });
    }

    private static ValueParser<RuleAction> action() {
        return Values.oneOf("action", RuleAction.configNames())
                .then(text -> RuleAction.fromConfigName(text).orElseThrow());
    }

    // ---- presets ----------------------------------------------------------------------------------------

    private static Optional<List<Rule>> presets(MappingReader policy, Set<String> webhookNames,
                                                RuleNames ruleNames) {
        Optional<List<YamlNode>> items = policy.list("presets");
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<Rule> rules = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < items.get().size(); i++) {
            String path = policy.path("presets") + "[" + i + "]";
            YamlNode item = items.get().get(i);
            Optional<Presets.Choice> choice = item instanceof YamlMapping
                    ? MappingReader.of(item, path, policy.problems(), PRESET_KEYS)
                    .flatMap(reader -> choice(reader, webhookNames))
                    : parse(item, path, policy.problems(), presetName()).map(Presets.Choice::of);
            Optional<List<Rule>> expanded = choice.map(Presets::rules);
            if (expanded.isPresent()) {
                for (Rule rule : expanded.get()) {
                    complete &= ruleNames.claim(rule.name(), item, path);
                }
            }
            complete &= expanded.isPresent();
            expanded.ifPresent(rules::addAll);
        }
        return complete ? Optional.of(rules) : Optional.empty();
    }

    private static Optional<Presets.Choice> choice(MappingReader preset, Set<String> webhookNames) {
        Optional<String> name = preset.required("preset", presetName());
        Optional<Optional<RuleAction>> action = preset.has("action")
                ? preset.optional("action", action()).map(Optional::of) : Optional.of(Optional.empty());
        Optional<Optional<String>> message = preset.has("message")
                ? preset.optional("message", Values.string()).map(Optional::of) : Optional.of(Optional.empty());
        // The action the preset will have: the override, else the preset's default; unknown while either is wrong.
        Optional<RuleAction> effective = action.isEmpty() ? Optional.empty()
                : name.flatMap(Presets::find).map(p -> action.get().orElse(p.defaultAction()));
        Optional<ReviewTerms> review = reviewTerms(preset, effective, webhookNames);
        if (name.isEmpty() || action.isEmpty() || message.isEmpty() || review.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Presets.Choice(name.get(), action.get(), message.get(), review.get()));
    }

    private static ValueParser<String> presetName() {
        return Values.string().then(name -> {
            if (Presets.find(name).isPresent()) {
                return name;
            }
            String hint = Suggestions.closest(name, Presets.names()).map(s -> "did you mean '" + s + "'?")
                    .orElseGet(() -> "presets: " + String.join(", ", Presets.names()));
            throw new InvalidValue("unknown preset '" + name + "' (" + hint + ")");
        });
    }

    // ---- review terms -----------------------------------------------------------------------------------

    /**
     * {@code approvers}, {@code min_approvals}, {@code timeout} and {@code notify}; written for another action
     * than review, each is a problem (it would silently do nothing).
     *
     * @param action the rule's action; empty when it is itself wrong (then only the values are checked)
     */
    private static Optional<ReviewTerms> reviewTerms(MappingReader rule, Optional<RuleAction> action,
                                                     Set<String> webhookNames) {
        boolean ok = true;
        if (action.isPresent() && action.get() != RuleAction.REVIEW) {
            for (String key : REVIEW_KEYS) {
                if (rule.node(key).isPresent()) {
                    rule.problems().add(rule.node(key).orElseThrow(), rule.path(key), "only used with action: review "
                            + "(this rule's action is " + action.get().configName() + ")");
                    ok = false;
                }
            }
        }
        Optional<List<String>> approvers = rule.scalarOrList("approvers", Values.string());
        Optional<Integer> minApprovals = rule.orDefault("min_approvals", Values.integer(1, MAX_APPROVALS),
                ReviewTerms.DEFAULT.minApprovals());
        Optional<Duration> timeout = rule.orDefault("timeout", Durations.between(MIN_TIMEOUT, MAX_TIMEOUT),
                Decision.Review.DEFAULT_TIMEOUT);
        Optional<List<String>> notify = rule.scalarOrList("notify", webhook(webhookNames));
        if (!ok || approvers.isEmpty() || minApprovals.isEmpty() || timeout.isEmpty() || notify.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReviewTerms(approvers.get(), minApprovals.get(), timeout.get(), notify.get()));
    }

    /** The name of a webhook {@code notifications.webhooks} defines. */
    private static ValueParser<String> webhook(Set<String> webhookNames) {
        return Values.string().then(name -> {
            if (webhookNames.contains(name)) {
                return name;
            }
            String known = webhookNames.isEmpty() ? "none is defined under notifications.webhooks"
                    : Suggestions.closest(name, webhookNames).map(s -> "did you mean '" + s + "'?")
                    .orElseGet(() -> "defined: " + String.join(", ", webhookNames));
            throw new InvalidValue("unknown webhook '" + name + "' (" + known + ")");
        });
    }

    private static ValueParser<ZoneId> timeZone() {
        return Values.string().then(text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new InvalidValue("unknown time zone '" + text + "' (use a name such as UTC or Europe/Berlin)");
            }
        });
    }

    private static <T> Optional<T> parse(YamlNode node, String path, Problems problems, ValueParser<T> parser) {
        try {
            return Optional.of(parser.parse(node));
        } catch (InvalidValue e) {
            problems.add(e.at().orElse(node), path + e.pathSuffix(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Rule names within one policy: hand-written rules and the presets' rules (named after their preset) share
     * one namespace, since decisions and the audit log name the rule.
     */
    private static final class RuleNames {

        private final Problems problems;
        private final Map<String, YamlLocation> firstUse = new HashMap<>();

        RuleNames(Problems problems) {
            this.problems = problems;
        }

        boolean claim(String name, YamlNode at, String path) {
            YamlLocation first = firstUse.putIfAbsent(name, at.location());
            if (first == null) {
                return true;
            }
            problems.add(at, path, "duplicate rule name '" + name + "' (first used at line " + first.line()
                    + "; a preset's rules are named after the preset)");
            return false;
        }
    }
}
