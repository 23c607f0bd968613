package dev.sluice.app.config;

import dev.sluice.core.phi.CustomDetectorSpec;
import dev.sluice.core.phi.CustomDetectors;
import dev.sluice.core.phi.PhiType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code masking.custom_detectors} of one {@code policies[]} entry: detectors for identifiers of the
 * deployment's own (employee numbers, local record formats, a list of facility names) that join the content net.
 * <pre>
 * custom_detectors:
 *   - name: employee-id          required, unique, [A-Za-z0-9_-]+, not a built-in detector's name; masked
 *                                text reads [EMPLOYEE_ID]
 *     regex: ['E-[0-9]{6}']      a pattern or a list (RE2 syntax: linear time, no backreferences or look-around)
 *     dictionary: [Ward 7B]      or: words and phrases, matched on word boundaries; exactly one of the two
 *     context: [employee, staff] optional: a match counts only right after one of these cue words
 *     confidence: 0.9            optional, more than 0 and at most 1; default 0.9
 *     case_sensitive: false      optional; default false
 * </pre>
 * Every pattern is compiled here, so a bad one stops the gateway at startup with its position.
 *
 * <p>{@code masking:} is read by {@link MaskingSection}, which declares {@code custom_detectors} among its keys and
 * leaves it to this class: the masking policy selects detectors by name ({@code detectors: [ssn, employee-id]}),
 * the detectors themselves are built by whoever runs the content net.
 */
final class CustomDetectorsSection {

    static final String KEY = "custom_detectors";
    static final List<String> KEYS = List.of("name", "regex", "dictionary", "context", "confidence",
            "case_sensitive");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    static final double DEFAULT_CONFIDENCE = 0.9;

    /** The built-in detectors, by the names {@code masking.detectors} uses: the PHI types in lower case. */
    static final Set<String> BUILT_IN = Collections.unmodifiableSet(Arrays.stream(PhiType.values())
            .filter(type -> type != PhiType.CUSTOM)
            .map(type -> type.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.<String, LinkedHashSet<String>>toCollection(LinkedHashSet::new)));

    /**
     * @param detectors the detectors that read without a problem, in file order
     * @param names     every name written (even of a detector with a problem, so that {@code detectors: [name]} gets
     *                  no second, misleading "unknown detector" error)
     */
    record Result(List<CustomDetectorSpec> detectors, Set<String> names) {

        static final Result NONE = new Result(List.of(), Set.of());

        Result {
            detectors = List.copyOf(detectors);
            names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
        }
    }

    private CustomDetectorsSection() {
    }

    /**
     * @param policy the reader of one {@code policies[]} entry, with {@code masking} among its keys; a
     *               {@code masking:} that is not a mapping is left to {@link MaskingSection} to report
     */
    static Result read(MappingReader policy, Problems problems) {
        Optional<YamlNode> masking = policy.node("masking");
        if (masking.isEmpty() || !(masking.get() instanceof YamlMapping mapping)) {
            return Result.NONE;
        }
        Optional<YamlNode> node = mapping.entry(KEY).map(YamlEntry::value);
        if (node.isEmpty() || node.get() instanceof YamlScalar scalar && scalar.isEmpty()) {
            return Result.NONE;
        }
        String path = policy.path("masking") + "." + KEY;
        if (!(node.get() instanceof YamlSequence sequence)) {
            problems.add(node.get(), path, "expected a list of detectors, got " + node.get().kind());
            return Result.NONE;
        }
        List<CustomDetectorSpec> detectors = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        UniqueNames unique = new UniqueNames("detector name", problems);
        for (int i = 0; i < sequence.items().size(); i++) {
            MappingReader.of(sequence.items().get(i), path + "[" + i + "]", problems, KEYS)
                    .flatMap(detector -> detector(detector, unique, names))
                    .ifPresent(detectors::add);
        }
        return new Result(detectors, names);
    }

    private static Optional<CustomDetectorSpec> detector(MappingReader detector, UniqueNames unique,
                                                         Set<String> names) {
        Optional<String> name = detector.required("name", Values.matching(NAME, "use letters, digits, '_' and '-'")
                .then(text -> {
                    if (BUILT_IN.contains(text.toLowerCase(Locale.ROOT))) {
                        throw new InvalidValue("'" + text + "' is a built-in detector; choose another name");
                    }
                    return text;
                }));
        name.ifPresent(names::add);
        boolean claimed = name.isPresent()
                && unique.claim(name.get(), detector.node("name").orElseThrow(), detector.path("name"));
        boolean regex = detector.has("regex");
        boolean dictionary = detector.has("dictionary");
        boolean shapeOk = true;
        if (regex && dictionary) {
            detector.problems().add(detector.node("dictionary").orElseThrow(), detector.path("dictionary"),
                    "a detector has either regex or dictionary, not both");
            shapeOk = false;
        } else if (!regex && !dictionary) {
            detector.problems().add(detector.location(), detector.path(), "needs regex (a list of patterns) or "
                    + "dictionary (a list of words and phrases)");
            shapeOk = false;
        }
        Optional<Boolean> caseSensitive = detector.orDefault("case_sensitive", Values.bool(), false);
        Optional<List<String>> values = regex
                ? detector.requiredList("regex", pattern())
                : detector.has("dictionary") ? detector.requiredList("dictionary", Values.string())
                : Optional.empty();
        Optional<List<String>> context = detector.scalarOrList("context", Values.string());
        Optional<Double> confidence = detector.orDefault("confidence", confidence(), DEFAULT_CONFIDENCE);
        if (!claimed || !shapeOk || caseSensitive.isEmpty() || values.isEmpty() || context.isEmpty()
                || confidence.isEmpty()) {
            return Optional.empty();
        }
        try {
            CustomDetectorSpec spec = new CustomDetectorSpec(name.get(),
                    regex ? CustomDetectorSpec.Kind.REGEX : CustomDetectorSpec.Kind.DICTIONARY, values.get(),
                    context.get(), confidence.get(), caseSensitive.get());
            CustomDetectors.create(spec); // a dictionary entry without a letter or digit fails here
            return Optional.of(spec);
        } catch (IllegalArgumentException e) {
            detector.problems().add(detector.location(), detector.path(), e.getMessage());
            return Optional.empty();
        }
    }

    /** A pattern RE2J compiles, checked on its own so a bad one is reported at its position. */
    private static ValueParser<String> pattern() {
        return Values.string().then(text -> {
            try {
                CustomDetectors.create(new CustomDetectorSpec("check", CustomDetectorSpec.Kind.REGEX, List.of(text),
                        List.of(), DEFAULT_CONFIDENCE, false));
                return text;
            } catch (IllegalArgumentException e) {
                throw new InvalidValue(e.getMessage().replaceFirst("^detector check: ", ""));
            }
        });
    }

    private static ValueParser<Double> confidence() {
        return node -> {
            YamlScalar scalar = Values.scalar(node, "a number");
            if (scalar.type() != YamlScalar.Type.FLOAT && scalar.type() != YamlScalar.Type.INTEGER) {
                throw new InvalidValue("expected a number greater than 0 and at most 1, got " + scalar.kind());
            }
            double value;
            try {
                value = Double.parseDouble(scalar.text());
            } catch (NumberFormatException e) {
                throw new InvalidValue("expected a number greater than 0 and at most 1");
            }
            if (!(value > 0 && value <= 1)) {
                throw new InvalidValue("must be greater than 0 and at most 1");
            }
            return value;
        };
    }
}
