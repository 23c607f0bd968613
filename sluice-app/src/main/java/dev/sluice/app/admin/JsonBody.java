package dev.sluice.app.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The JSON object a POST carries. An empty body reads as {@code {}}. Endpoints name the fields they take; an
 * unknown field, a field of the wrong type or text that is not a JSON object is a 400.
 */
final class JsonBody {

    /** Strict: a repeated field or text after the object is an error, not something to guess about. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final ObjectNode object;

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    static JsonBody parse(byte[] body) {
        if (body.length == 0) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the input; say where instead.
            throw ApiProblem.badRequest("bad-json", "the body is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw ApiProblem.badRequest("bad-json", "the body is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            return new JsonBody(JsonNodeFactory.instance.objectNode());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiProblem.badRequest("bad-json", "the body must be a JSON object");
        }
        return new JsonBody(object);
    }

    /** Refuses any field not named here. */
    JsonBody only(String... names) {
        List<String> allowed = List.of(names);
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiProblem.badRequest("bad-field", "unknown field '" + QueryParameters.printable(name) + "'"
                        + (allowed.isEmpty() ? " (this endpoint takes none)" : " (expected: " + String.join(", ", allowed) + ")"));
            }
        }
        return this;
    }

    /** A string field; absent, null or blank gives empty. Longer than {@code maxChars} is a 400. */
    Optional<String> text(String name, int maxChars) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiProblem.badRequest("bad-field", "field '" + name + "' must be a string");
        }
        String text = value.textValue().strip();
        if (text.length() > maxChars) {
            throw ApiProblem.badRequest("bad-field", "field '" + name + "' is longer than " + maxChars + " characters");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String requiredText(String name, int maxChars, String code) {
        return text(name, maxChars).orElseThrow(() -> ApiProblem.badRequest(code, "field '" + name + "' is required"));
    }
}
