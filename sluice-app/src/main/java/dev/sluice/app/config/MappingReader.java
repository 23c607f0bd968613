package dev.sluice.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the keys of one mapping. The keys a section accepts are declared up front, so a key nobody asked for is
 * reported at once, with a "did you mean" when one of the known keys is close. Each read records its own problem
 * at the value's position and returns empty, so validation carries on and the user sees every problem in one run.
 */
final class MappingReader {

    private final YamlMapping mapping;
    private final String path;
    private final Problems problems;
    private final List<String> known;

    private MappingReader(YamlMapping mapping, String path, Problems problems, List<String> known) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
        this.known = List.copyOf(known);
        reportUnknownKeys();
    }

    /**
     * A reader over {@code node}, which must be a mapping; an empty value ({@code section:} with nothing under
     * it) reads as an empty mapping. Anything else is reported and gives empty.
     */
    static Optional<MappingReader> of(YamlNode node, String path, Problems problems, List<String> knownKeys) {
        return switch (node) {
            case YamlMapping mapping -> Optional.of(new MappingReader(mapping, path, problems, knownKeys));
            case YamlScalar scalar when scalar.isEmpty() ->
                    Optional.of(new MappingReader(new YamlMapping(List.of(), scalar.location()), path, problems, knownKeys));
            case YamlScalar _, YamlSequence _ -> {
                problems.add(node, path, "expected a mapping, got " + node.kind());
                yield Optional.empty();
            }
        };
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    YamlLocation location() {
        return mapping.location();
    }

    Problems problems() {
        return problems;
    }

    /** The value written for {@code key}, if any (an empty value counts as written). */
    Optional<YamlNode> node(String key) {
        if (!known.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is not declared as a key of " + path);
        }
        return mapping.entry(key).map(YamlEntry::value);
    }

    boolean has(String key) {
        return node(key).filter(n -> !(n instanceof YamlScalar s && s.isEmpty())).isPresent();
    }

    /** The parsed value, or empty when the key is absent, empty, or wrong (then reported). */
    <T> Optional<T> optional(String key, ValueParser<T> parser) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isEmpty()) {
            return Optional.empty();
        }
        return parse(key, node.get(), parser);
    }

    /** The parsed value, {@code fallback} when the key is absent or empty, or empty when wrong (reported). */
    <T> Optional<T> orDefault(String key, ValueParser<T> parser, T fallback) {
        if (!has(key)) {
            return Optional.of(fallback);
        }
        return parse(key, node(key).orElseThrow(), parser);
    }

    /** The parsed value; a missing, empty or wrong value is reported and gives empty. */
    <T> Optional<T> required(String key, ValueParser<T> parser) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            problems.add(mapping.location(), path(key), "is required");
            return Optional.empty();
        }
        if (node.get() instanceof YamlScalar s && s.isEmpty()) {
            problems.add(s, path(key), "is required but empty");
            return Optional.empty();
        }
        return parse(key, node.get(), parser);
    }

    /** A nested mapping that may be left out: absent or empty gives a reader over an empty mapping (defaults). */
    Optional<MappingReader> section(String key, List<String> knownKeys) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.of(new MappingReader(new YamlMapping(List.of(), mapping.location()), path(key), problems,
                    knownKeys));
        }
        return of(node.get(), path(key), problems, knownKeys);
    }

    /** A nested mapping that must be written. */
    Optional<MappingReader> requiredSection(String key, List<String> knownKeys) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isEmpty()) {
            problems.add(node.map(YamlNode::location).orElse(mapping.location()), path(key), "is required");
            return Optional.empty();
        }
        return of(node.get(), path(key), problems, knownKeys);
    }

    /**
     * The items of a list; absent or empty gives no items. A mapping or scalar where a list belongs is reported
     * and gives empty.
     */
    Optional<List<YamlNode>> list(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isEmpty()) {
            return Optional.of(List.of());
        }
        if (node.get() instanceof YamlSequence sequence) {
            return Optional.of(sequence.items());
        }
        problems.add(node.get(), path(key), "expected a list, got " + node.get().kind());
        return Optional.empty();
    }

    /**
     * A list of scalars where a single value may be written without brackets ({@code audience: sluice}).
     * Each bad element is reported on its own; the result holds the good ones.
     */
    <T> Optional<List<T>> scalarOrList(String key, ValueParser<T> elementParser) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isEmpty()) {
            return Optional.of(List.of());
        }
        if (node.get() instanceof YamlMapping) {
            problems.add(node.get(), path(key), "expected a value or a list, got a mapping");
            return Optional.empty();
        }
        List<YamlNode> items = node.get() instanceof YamlSequence sequence ? sequence.items() : List.of(node.get());
        boolean single = !(node.get() instanceof YamlSequence);
        List<T> values = new ArrayList<>();
        boolean allGood = true;
        for (int i = 0; i < items.size(); i++) {
            Optional<T> value = parseAt(single ? path(key) : path(key) + "[" + i + "]", items.get(i), elementParser);
            allGood &= value.isPresent();
            value.ifPresent(values::add);
        }
        return allGood ? Optional.of(values) : Optional.empty();
    }

    /** Like {@link #scalarOrList}, but the key must be written and list at least one value. */
    <T> Optional<List<T>> requiredList(String key, ValueParser<T> elementParser) {
        if (node(key).isEmpty()) {
            problems.add(mapping.location(), path(key), "is required");
            return Optional.empty();
        }
        return nonEmpty(key, scalarOrList(key, elementParser));
    }

    /** Like {@link #scalarOrList}, with {@code fallback} when the key is absent; written, it may not be empty. */
    <T> Optional<List<T>> listOrDefault(String key, ValueParser<T> elementParser, List<T> fallback) {
        if (node(key).isEmpty()) {
            return Optional.of(fallback);
        }
        return nonEmpty(key, scalarOrList(key, elementParser));
    }

    private <T> Optional<List<T>> nonEmpty(String key, Optional<List<T>> values) {
        if (values.isPresent() && values.get().isEmpty()) {
            problems.add(node(key).orElseThrow(), path(key), "must list at least one value");
            return Optional.empty();
        }
        return values;
    }

    private <T> Optional<T> parse(String key, YamlNode node, ValueParser<T> parser) {
        return parseAt(path(key), node, parser);
    }

    private <T> Optional<T> parseAt(String fullPath, YamlNode node, ValueParser<T> parser) {
        try {
            return Optional.of(parser.parse(node));
        } catch (InvalidValue e) {
            problems.add(e.at().orElse(node), fullPath + e.pathSuffix(), e.getMessage());
            return Optional.empty();
        }
    }

    private void reportUnknownKeys() {
        for (YamlEntry entry : mapping.entries()) {
            if (known.contains(entry.key())) {
                continue;
            }
            String hint = Suggestions.closest(entry.key(), known)
                    .map(s -> "did you mean '" + s + "'?")
                    .orElseGet(() -> known.isEmpty() ? "no keys are allowed here" : "expected one of: " + String.join(", ", known));
            problems.add(entry.keyLocation(), path(entry.key()), "unknown key (" + hint + ")");
        }
    }
}
