package dev.sluice.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a location-annotated {@link YamlNode} tree from Jackson's YAML token stream. A plain
 * {@code ObjectMapper.readTree} would lose the line of every key; walking the tokens keeps
 * {@link JsonParser#currentTokenLocation()} for each key and value.
 *
 * <p>Stricter than YAML itself where strictness prevents surprises: duplicate keys and aliases are errors, only
 * one document is allowed, and YAML 1.1 boolean words ({@code yes}, {@code on}) stay strings, so that only
 * {@code true}/{@code false} are booleans.
 */
final class YamlTreeReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private final Problems problems;

    private YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** Parses {@code text}; on a syntax error records it and returns empty. */
    static Optional<YamlNode> read(String text, Problems problems) {
        return new YamlTreeReader(problems).readDocument(text);
    }

    private Optional<YamlNode> readDocument(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(YamlLocation.FILE, "", "the file is empty");
                return Optional.empty();
            }
            YamlNode root = readValue(parser, first, "");
            if (parser.nextToken() != null) {
                problems.add(location(parser), "", "only one YAML document is allowed (remove the '---' separator)");
            }
            return Optional.of(root);
        } catch (StreamReadException e) {
            reportSyntaxError(e);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String cannot fail with I/O
        }
    }

    /** @param path key path of the value, for messages ({@code connections[0].target}) */
    private YamlNode readValue(JsonParser parser, JsonToken token, String path) throws IOException {
        YamlLocation at = location(parser);
        return switch (token) {
            case START_OBJECT -> readMapping(parser, at, path);
            case START_ARRAY -> readSequence(parser, at, path);
            case VALUE_STRING -> {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    problems.add(at, path, "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
                }
                yield new YamlScalar(parser.getText(), YamlScalar.Type.STRING, at);
            }
            case VALUE_NUMBER_INT -> new YamlScalar(parser.getText(), YamlScalar.Type.INTEGER, at);
            case VALUE_NUMBER_FLOAT -> new YamlScalar(parser.getText(), YamlScalar.Type.FLOAT, at);
            case VALUE_TRUE, VALUE_FALSE -> new YamlScalar(parser.getText(), YamlScalar.Type.BOOLEAN, at);
            case VALUE_NULL -> new YamlScalar("", YamlScalar.Type.NULL, at);
            // Jackson's YAML parser produces none of these where a value starts.
            case VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE, FIELD_NAME, END_OBJECT, END_ARRAY ->
                    throw new IllegalStateException("YAML parser produced " + token + " where a value belongs");
        };
    }

    private YamlMapping readMapping(JsonParser parser, YamlLocation at, String path) throws IOException {
        List<YamlEntry> entries = new ArrayList<>();
        Map<String, YamlLocation> seen = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            YamlLocation keyAt = location(parser);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            YamlNode value = readValue(parser, parser.nextToken(), keyPath);
            YamlLocation first = seen.putIfAbsent(key, keyAt);
            if (first == null) {
                entries.add(new YamlEntry(key, keyAt, value));
            } else {
                problems.add(keyAt, keyPath, "duplicate key (first written at line " + first.line() + ")");
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IllegalStateException("YAML parser produced " + token + " inside a mapping");
        }
        return new YamlMapping(entries, at);
    }

    private YamlSequence readSequence(JsonParser parser, YamlLocation at, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IllegalStateException("YAML parser ended inside a list");
            }
            items.add(readValue(parser, token, path + "[" + items.size() + "]"));
        }
        return new YamlSequence(items, at);
    }

    private static YamlLocation location(JsonParser parser) {
        JsonLocation l = parser.currentTokenLocation();
        return new YamlLocation(Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }

    /**
     * SnakeYAML knows where the problem is; Jackson's own location is where the last good token started.
     * The message is SnakeYAML's problem and context only: its full text quotes the offending source line,
     * which could be a password.
     */
    private void reportSyntaxError(StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            StringBuilder message = new StringBuilder("invalid YAML: ").append(marked.getProblem());
            if (marked.getContext() != null) {
                message.append(" (").append(marked.getContext());
                Mark contextMark = marked.getContextMark();
                if (contextMark != null && contextMark.getLine() != mark.getLine()) {
                    message.append(" that started at line ").append(contextMark.getLine() + 1);
                }
                message.append(')');
            }
            problems.add(new YamlLocation(mark.getLine() + 1, mark.getColumn() + 1), "", message.toString());
            return;
        }
        JsonLocation l = e.getLocation();
        YamlLocation at = l == null ? YamlLocation.FILE : new YamlLocation(Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
        problems.add(at, "", "invalid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
    }
}
