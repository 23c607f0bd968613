package dev.sluice.app.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route's path as the OpenAPI document writes it: literal segments and {@code {name}} parameters, e.g.
 * {@code /api/v1/approvals/{id}/approve}. A parameter matches one whole segment of url-safe characters (ids are
 * short and url-safe; anything else cannot name a thing, so it matches nothing and the path is not found).
 */
record PathTemplate(String text, List<String> segments) {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");
    private static final Pattern LITERAL = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Pattern PARAMETER_VALUE = Pattern.compile("[A-Za-z0-9._~:-]{1,200}");

    PathTemplate {
        segments = List.copyOf(segments);
    }

    static PathTemplate of(String text) {
        if (!text.startsWith("/") || text.length() < 2) {
            throw new IllegalArgumentException("a path template starts with / and names something: " + text);
        }
        List<String> segments = List.of(text.substring(1).split("/", -1));
        for (String segment : segments) {
            if (!LITERAL.matcher(segment).matches() && !PARAMETER.matcher(segment).matches()) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in path template " + text);
            }
        }
        return new PathTemplate(text, segments);
    }

    /** The parameters, by name, when {@code rawPath} (percent-encoded, as received) fits this template. */
    Optional<Map<String, String>> match(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(i);
            var parameter = PARAMETER.matcher(segment);
            if (parameter.matches()) {
                Optional<String> value = decode(parts[i]).filter(v -> PARAMETER_VALUE.matcher(v).matches());
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(parameter.group(1), value.get());
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    /** How many literal segments: among templates matching one path, the most literal one wins. */
    int literals() {
        return (int) segments.stream().filter(s -> !PARAMETER.matcher(s).matches()).count();
    }

    List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (String segment : segments) {
            var parameter = PARAMETER.matcher(segment);
            if (parameter.matches()) {
                names.add(parameter.group(1));
            }
        }
        return names;
    }

    private static Optional<String> decode(String raw) {
        try {
            // A path segment is not form-encoded: '+' is itself, not a space.
            return Optional.of(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
