package dev.sluice.app.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The query string of an API request, decoded. Endpoints name the parameters they take; any other one, a repeated
 * one or a malformed one is a 400, so a typo ({@code ?stauts=pending}) is not silently ignored.
 */
final class QueryParameters {

    private static final int MAX_VALUE_CHARS = 200;

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** @param rawQuery the query as received, percent-encoded; null when the request had none */
    static QueryParameters parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParameters(values);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (value.length() > MAX_VALUE_CHARS) {
                throw ApiProblem.badRequest("bad-parameter", "query parameter '" + printable(name) + "' is longer than "
                        + MAX_VALUE_CHARS + " characters");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw ApiProblem.badRequest("bad-parameter", "query parameter '" + printable(name) + "' is given twice");
            }
        }
        return new QueryParameters(values);
    }

    /** Refuses any parameter not named here. */
    QueryParameters only(String... names) {
        List<String> allowed = List.of(names);
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiProblem.badRequest("bad-parameter", "unknown query parameter '" + printable(name) + "'"
                        + (allowed.isEmpty() ? " (this endpoint takes none)" : " (expected: " + String.join(", ", allowed) + ")"));
            }
        }
        return this;
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    int integer(String name, int min, int max, int fallback) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.badRequest("bad-parameter", name + " must be a whole number from " + min + " to " + max);
    }

    boolean bool(String name) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return false;
        }
        return switch (text.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.badRequest("bad-parameter", name + " must be true or false");
        };
    }

    /** One of {@code allowed}, compared without case; returned in lower case. */
    Optional<String> oneOf(String name, List<String> allowed) {
        Optional<String> text = text(name).map(t -> t.toLowerCase(Locale.ROOT));
        if (text.isPresent() && !allowed.contains(text.get())) {
            throw ApiProblem.badRequest("bad-parameter", name + " must be one of: " + String.join(", ", allowed));
        }
        return text;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("bad-parameter", "the query string is not validly percent-encoded");
        }
    }

    /** Names come from the request: bounded and without control characters before they go into a message. */
    static String printable(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
