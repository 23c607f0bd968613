package dev.sluice.app.config;

import dev.sluice.core.connection.Secret;
import dev.sluice.core.masking.ColumnPattern;
import dev.sluice.core.masking.ColumnRule;
import dev.sluice.core.masking.DetectorSet;
import dev.sluice.core.masking.GuardMode;
import dev.sluice.core.masking.Guards;
import dev.sluice.core.masking.HmacToken;
import dev.sluice.core.masking.JsonPath;
import dev.sluice.core.masking.MaskStrategy;
import dev.sluice.core.masking.MaskingKey;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.masking.MaskingPresets;
import dev.sluice.core.masking.NullValue;
import dev.sluice.core.masking.Partial;
import dev.sluice.core.masking.Pseudonym;
import dev.sluice.core.masking.Redact;
import dev.sluice.core.masking.Year;
import dev.sluice.core.masking.Zip3;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code masking:} mapping of one {@code policies[]} entry into a {@link MaskingPolicy}.
 * <pre>
 * masking:
 *   preset: phi-strict           optional; start from a preset (its rules come after the ones below)
 *   key: ${env:MASKING_KEY}      the secret behind hmac and pseudonym: ${env:NAME} or ${file:PATH} (a literal
 *                                needs allow_inline_secrets), at least 32 bytes; required when a rule or the
 *                                preset uses hmac or pseudonym. Never printed.
 *   columns:                     rules, tried in order; the first that names a column decides
 *     - match: "*.patients.ssn"  required; schema.table.column with * and ? globs, ignoring case; or a list
 *       json_path: $.member_id   optional: a place inside json/jsonb documents ($, .name, ['name'], [n], [*], .*,
 *                                ..name)
 *       strategy: partial        required: redact | partial | hmac | pseudonym | year | zip3 | null
 *       marker: "[SSN]"          redact: the text put in place of the value; default ***
 *       keep_first: 0            partial: characters kept at the start (0..64); default 0
 *       keep_last: 4             partial: characters kept at the end (0..64); default 0
 *       mask_char: "*"           partial: default *
 *       keep_separators: true    partial: leave punctuation and spaces in place; default true
 *       names: full              pseudonym: first | last | full: stand-in names instead of look-alike characters
 *       age: false               year: the value is an age; over 89 becomes 90+
 *       aggregate_over_89: false year: a date of birth; years 90+ years ago become one category
 *       sparse_prefixes: [...]   zip3: three-digit ZIP prefixes that become 000; default the HHS Safe Harbor list
 *   detectors: all               the content net: all (default), none, or a list of detector names
 *   custom_detectors: [...]      detectors of the deployment's own; read by {@link CustomDetectorsSection}
 *   on_unknown_lineage: redact   redact (default) | deny
 *   on_undecodable: null         null (default) | deny
 *   exempt_groups: [phi-readers] groups that see raw values
 *   guards:                      each off | deny | review; default off, or deny with a preset
 *     inference: deny
 *     copy_out: deny
 *     code_execution: deny
 * </pre>
 * Everything not written comes from the preset, or from {@link MaskingPolicy#builder()}'s fail-closed defaults.
 * No message names the key.
 */
final class MaskingSection {

    static final List<String> KEYS = List.of("preset", "key", "columns", "detectors", "on_unknown_lineage",
            "on_undecodable", "exempt_groups", "guards", CustomDetectorsSection.KEY);
    static final List<String> OPTION_KEYS = List.of("marker", "keep_first", "keep_last", "mask_char",
            "keep_separators", "names", "age", "aggregate_over_89", "sparse_prefixes");
    static final List<String> COLUMN_KEYS =
            Stream.concat(Stream.of("match", "json_path", "strategy"), OPTION_KEYS.stream()).toList();
    static final List<String> GUARD_KEYS = List.of("inference", "copy_out", "code_execution");
    static final List<String> STRATEGIES = List.of("redact", "partial", "hmac", "pseudonym", "year", "zip3", "null");
    /** The options each strategy takes; every other option key is an error on a rule with that strategy. */
    static final Map<String, List<String>> OPTIONS = Map.of(
            "redact", List.of("marker"),
            "partial", List.of("keep_first", "keep_last", "mask_char", "keep_separators"),
            "hmac", List.of(),
            "pseudonym", List.of("names"),
            "year", List.of("age", "aggregate_over_89"),
            "zip3", List.of("sparse_prefixes"),
            "null", List.of());
    static final List<String> NAME_STYLES = List.of("first", "last", "full");
    static final List<String> GUARD_MODES = List.of("off", "deny", "review");
    private static final Pattern ZIP_PREFIX = Pattern.compile("[0-9]{3}");

    private MaskingSection() {
    }

    /**
     * The masking policy of a policy entry.
     *
     * @param policy         the reader of one {@code policies[]} entry, with {@code masking} among its keys
     * @param knownDetectors the detector names this build has, to check {@code detectors:} against
     * @return {@link MaskingPolicy#NONE} when the entry has no {@code masking:}; empty when it has a problem
     *         (reported in the context)
     */
    static Optional<MaskingPolicy> read(MappingReader policy, ReadContext context, Set<String> knownDetectors) {
        if (policy.node("masking").isEmpty()) {
            return Optional.of(MaskingPolicy.NONE);
        }
        Optional<MappingReader> section = policy.section("masking", KEYS);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader masking = section.get();
        Problems problems = context.problems();
        int before = problems.count();

        Optional<String> preset = masking.optional("preset", Values.oneOf("masking preset", MaskingPresets.NAMES));
        Optional<MaskingKey> key = key(masking, context);
        List<ColumnRule> rules = new ArrayList<>();
        List<String> keyedRules = new ArrayList<>();
        List<YamlNode> columns = masking.list("columns").orElse(List.of());
        for (int i = 0; i < columns.size(); i++) {
            String path = masking.path("columns") + "[" + i + "]";
            MappingReader.of(columns.get(i), path, problems, COLUMN_KEYS)
                    .ifPresent(column -> rules.addAll(rule(column, key, keyedRules)));
        }
        checkKeyPresent(masking, key, preset, keyedRules);

        MaskingPolicy.Builder builder = preset
                .flatMap(name -> MaskingPresets.preset(name, key.orElseGet(MaskingKey::unresolved)))
                .map(MaskingPolicy::toBuilder)
                .orElseGet(MaskingPolicy::builder)
                .rulesFirst(rules);
        MaskingPolicy base = builder.build();
        detectors(masking, knownDetectors).ifPresent(builder::detectors);
        masking.optional("on_unknown_lineage", Values.oneOf("on_unknown_lineage value", List.of("redact", "deny")))
                .map(v -> MaskingPolicy.OnUnknownLineage.valueOf(v.toUpperCase(Locale.ROOT)))
                .ifPresent(builder::onUnknownLineage);
        onUndecodable(masking).ifPresent(builder::onUndecodable);
        masking.scalarOrList("exempt_groups", Values.string()).ifPresent(builder::exemptGroups);
        guards(masking, base.guards()).ifPresent(builder::guards);

        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(builder.build());
    }

    /** The key, resolved; empty when not written or wrong (reported). */
    private static Optional<MaskingKey> key(MappingReader masking, ReadContext context) {
        if (!masking.has("key")) {
            return Optional.empty();
        }
        Optional<Secret> secret = masking.optional("key", Secrets.signingKey(context));
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (context.credentials() == ConfigLoader.Credentials.LEFT_UNRESOLVED) {
            return Optional.of(MaskingKey.unresolved()); // never used: see ConfigLoader.Credentials
        }
        try {
            return Optional.of(MaskingKey.fromText(secret.get().reveal()));
        } catch (IllegalArgumentException e) {
            context.problems().add(masking.node("key").orElseThrow(), masking.path("key"), MaskingKey.tooShort());
            return Optional.empty();
        }
    }

    private static void checkKeyPresent(MappingReader masking, Optional<MaskingKey> key, Optional<String> preset,
                                        List<String> keyedRules) {
        if (key.isPresent() || masking.has("key")) {
            return; // present, or written and wrong (reported already)
        }
        List<String> users = new ArrayList<>(keyedRules);
        preset.filter(MaskingPresets::needsKey).ifPresent(name -> users.addFirst("preset " + name));
        if (!users.isEmpty()) {
            masking.problems().add(masking.location(), masking.path("key"), "is required: " + String.join(", ", users)
                    + " use keyed strategies (hmac, pseudonym); give a secret of at least " + MaskingKey.MIN_BYTES
                    + " bytes as ${env:NAME} or ${file:PATH}");
        }
    }

    /** One rule per pattern of {@code match}; none when something is wrong (reported). */
    private static List<ColumnRule> rule(MappingReader column, Optional<MaskingKey> key, List<String> keyedRules) {
        Optional<List<ColumnPattern>> patterns = column.requiredList("match", node -> {
            String text = Values.string().parse(node);
            try {
                return ColumnPattern.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidValue(e.getMessage());
            }
        });
        Optional<Optional<JsonPath>> jsonPath = column.has("json_path")
                ? column.optional("json_path", Values.string().then(MaskingSection::jsonPath)).map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<String> strategyName = strategyName(column);
        if (strategyName.isEmpty()) {
            return List.of();
        }
        Optional<MaskStrategy> strategy = strategy(column, strategyName.get(), key, keyedRules);
        if (patterns.isEmpty() || jsonPath.isEmpty() || strategy.isEmpty()) {
            return List.of();
        }
        List<ColumnRule> rules = new ArrayList<>();
        for (ColumnPattern pattern : patterns.get()) {
            String label = pattern + jsonPath.get().map(p -> " " + p).orElse("");
            rules.add(new ColumnRule(label, pattern, jsonPath.get(), strategy.get()));
        }
        return rules;
    }

    private static JsonPath jsonPath(String text) throws InvalidValue {
        try {
            return JsonPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidValue(e.getMessage());
        }
    }

    /** {@code strategy: null} is YAML's null, so a null scalar here names the null strategy. */
    private static Optional<String> strategyName(MappingReader column) {
        Optional<YamlNode> node = column.node("strategy");
        if (node.isPresent() && node.get() instanceof YamlScalar scalar && scalar.type() == YamlScalar.Type.NULL) {
            return Optional.of("null");
        }
        return column.required("strategy", Values.oneOf("masking strategy", STRATEGIES));
    }

    private static Optional<MaskStrategy> strategy(MappingReader column, String name, Optional<MaskingKey> key,
                                                   List<String> keyedRules) {
        boolean optionsOk = true;
        for (String option : OPTION_KEYS) {
            if (column.node(option).isPresent() && !OPTIONS.get(name).contains(option)) {
                String owners = OPTIONS.entrySet().stream().filter(e -> e.getValue().contains(option))
                        .map(Map.Entry::getKey).findFirst().orElse("?");
                column.problems().add(column.node(option).orElseThrow(), column.path(option),
                        "applies only to strategy " + owners + " (this rule's strategy is " + name + ")");
                optionsOk = false;
            }
        }
        boolean keyed = name.equals("hmac") || name.equals("pseudonym");
        if (keyed) {
            keyedRules.add(column.path() + " (" + name + ")");
        }
        MaskingKey masking = key.orElseGet(MaskingKey::unresolved);
        Optional<MaskStrategy> strategy = switch (name) {
            case "redact" -> column.orDefault("marker", Values.string(), Redact.DEFAULT_MARKER).map(Redact::new);
            case "partial" -> partial(column);
            case "hmac" -> Optional.of(new HmacToken(masking));
            case "pseudonym" -> column.optional("names", Values.oneOf("name style", NAME_STYLES))
                    .map(style -> switch (style) {
                        case "first" -> Pseudonym.Style.FIRST_NAME;
                        case "last" -> Pseudonym.Style.LAST_NAME;
                        default -> Pseudonym.Style.FULL_NAME;
                    })
                    .or(() -> column.has("names") ? Optional.empty() : Optional.of(Pseudonym.Style.FORMAT))
                    .map(style -> new Pseudonym(masking, style));
            case "year" -> year(column);
            case "zip3" -> zip3(column);
            case "null" -> Optional.of(NullValue.INSTANCE);
            default -> throw new IllegalStateException("strategy " + name + " is listed but not read");
        };
        return optionsOk ? strategy : Optional.empty();
    }

    private static Optional<MaskStrategy> partial(MappingReader column) {
        Optional<Integer> first = column.orDefault("keep_first", Values.integer(0, Partial.MAX_KEEP), 0);
        Optional<Integer> last = column.orDefault("keep_last", Values.integer(0, Partial.MAX_KEEP), 0);
        Optional<Character> maskChar = column.orDefault("mask_char", Values.string().then(text -> {
            if (text.codePointCount(0, text.length()) != 1 || Character.isSurrogate(text.charAt(0))) {
                throw new InvalidValue("must be a single character");
            }
            return text.charAt(0);
        }), Partial.DEFAULT_MASK_CHAR);
        Optional<Boolean> separators = column.orDefault("keep_separators", Values.bool(), true);
        if (first.isEmpty() || last.isEmpty() || maskChar.isEmpty() || separators.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Partial(first.get(), last.get(), maskChar.get(), separators.get()));
    }

    private static Optional<MaskStrategy> year(MappingReader column) {
        Optional<Boolean> age = column.orDefault("age", Values.bool(), false);
        Optional<Boolean> aggregate = column.orDefault("aggregate_over_89", Values.bool(), false);
        if (age.isEmpty() || aggregate.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Year(age.get(), age.get() || aggregate.get()));
    }

    private static Optional<MaskStrategy> zip3(MappingReader column) {
        if (!column.has("sparse_prefixes")) {
            return Optional.of(Zip3.SAFE_HARBOR);
        }
        return column.scalarOrList("sparse_prefixes",
                        Values.matching(ZIP_PREFIX, "a three-digit ZIP prefix such as \"036\"; quote it"))
                .map(prefixes -> new Zip3(Set.copyOf(prefixes)));
    }

    /** {@code all}, {@code none} or a list of known detector names; empty when not written or wrong (reported). */
    private static Optional<DetectorSet> detectors(MappingReader masking, Set<String> knownDetectors) {
        if (!masking.has("detectors")) {
            return Optional.empty();
        }
        YamlNode node = masking.node("detectors").orElseThrow();
        if (node instanceof YamlScalar scalar && scalar.text().equals("all")) {
            return Optional.of(DetectorSet.ALL);
        }
        if (node instanceof YamlScalar scalar && scalar.text().equals("none")) {
            return Optional.of(DetectorSet.NONE);
        }
        Optional<List<String>> names = masking.scalarOrList("detectors", Values.string().then(name -> {
            if (name.equals("all") || name.equals("none")) {
                throw new InvalidValue("'" + name + "' stands alone (detectors: " + name + "), not in a list");
            }
            if (!knownDetectors.contains(name)) {
                Set<String> known = new TreeSet<>(knownDetectors);
                String hint = Suggestions.closest(name, known).map(s -> "did you mean '" + s + "'?")
                        .orElse("known: all, none, " + String.join(", ", known));
                throw new InvalidValue("unknown detector '" + name + "' (" + hint + ")");
            }
            return name;
        }));
        return names.map(DetectorSet::of);
    }

    private static Optional<MaskingPolicy.OnUndecodable> onUndecodable(MappingReader masking) {
        Optional<YamlNode> node = masking.node("on_undecodable");
        if (node.isPresent() && node.get() instanceof YamlScalar scalar && scalar.type() == YamlScalar.Type.NULL) {
            return Optional.of(MaskingPolicy.OnUndecodable.NULL); // on_undecodable: null is YAML's null
        }
        return masking.optional("on_undecodable", Values.oneOf("on_undecodable value", List.of("null", "deny")))
                .map(v -> MaskingPolicy.OnUndecodable.valueOf(v.toUpperCase(Locale.ROOT)));
    }

    private static Optional<Guards> guards(MappingReader masking, Guards defaults) {
        if (masking.node("guards").isEmpty()) {
            return Optional.empty();
        }
        Optional<MappingReader> section = masking.section("guards", GUARD_KEYS);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader guards = section.get();
        ValueParser<GuardMode> mode = Values.oneOf("guard mode", GUARD_MODES)
                .then(v -> GuardMode.valueOf(v.toUpperCase(Locale.ROOT)));
        Optional<GuardMode> inference = guards.orDefault("inference", mode, defaults.inference());
        Optional<GuardMode> copyOut = guards.orDefault("copy_out", mode, defaults.copyOut());
        Optional<GuardMode> codeExecution = guards.orDefault("code_execution", mode, defaults.codeExecution());
        if (inference.isEmpty() || copyOut.isEmpty() || codeExecution.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Guards(inference.get(), copyOut.get(), codeExecution.get()));
    }
}
