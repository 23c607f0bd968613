package dev.sluice.core.masking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Masks the places {@link JsonPath}s name inside one JSON document. A matched string is masked as text; a number
 * as a number (kept a JSON number where the strategy {@link MaskStrategy#fits fits} numbers and the result is one,
 * else a string); {@code true}/{@code false} as text; {@code null} stays null; a matched object or array is
 * replaced whole, like a whole JSON value ({@link MaskStrategy#mask}: a token string for {@link HmacToken}, null for
 * {@link NullValue}, the marker otherwise). The document comes back compact (no insignificant whitespace); member
 * order is kept; of duplicate member names only the last survives.
 */
final class JsonMasking {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonMasking() {
    }

    static String mask(String json, List<ColumnRule> rules) throws UndecodableValueException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input: it must not travel
            throw new UndecodableValueException("the value is not a JSON document");
        }
        if (root == null || root.isMissingNode()) {
            throw new UndecodableValueException("the value is not a JSON document");
        }
        Set<JsonNode> masked = Collections.newSetFromMap(new IdentityHashMap<>());
        JsonNode[] holder = {root};
        for (ColumnRule rule : rules) {
            List<Place> places = new ArrayList<>();
            find(holder[0], rule.jsonPath().orElseThrow().segments(), 0, replacement -> holder[0] = replacement, places);
            for (Place place : places) {
                if (masked.contains(place.node())) {
                    continue;
                }
                JsonNode replacement = maskNode(place.node(), rule.strategy());
                masked.add(replacement);
                place.replace().accept(replacement);
            }
        }
        try {
            return MAPPER.writeValueAsString(holder[0]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** A matched node and how to put something else in its place. */
    private record Place(JsonNode node, Consumer<JsonNode> replace) {
    }

    private static void find(JsonNode node, List<JsonPath.Segment> path, int step, Consumer<JsonNode> replace,
                             List<Place> places) {
        if (step == path.size()) {
            places.add(new Place(node, replace));
            return;
        }
        switch (path.get(step)) {
            case JsonPath.Segment.Member member -> {
                if (node instanceof ObjectNode object && object.has(member.name())) {
                    find(object.get(member.name()), path, step + 1, r -> object.set(member.name(), r), places);
                }
            }
            case JsonPath.Segment.Index index -> {
                if (node instanceof ArrayNode array && index.index() < array.size()) {
                    find(array.get(index.index()), path, step + 1, r -> array.set(index.index(), r), places);
                }
            }
            case JsonPath.Segment.Wildcard wildcard -> children(node, path, step + 1, places);
            case JsonPath.Segment.Descendant descendant -> descendants(node, descendant.name(), path, step + 1, places);
        }
    }

    private static void children(JsonNode node, List<JsonPath.Segment> path, int next, List<Place> places) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                find(field.getValue(), path, next, r -> object.set(name, r), places);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                find(array.get(i), path, next, r -> array.set(index, r), places);
            }
        }
    }

    /** {@code ..name}: the member {@code name} of this node and of every node below it. */
    private static void descendants(JsonNode node, String name, List<JsonPath.Segment> path, int next,
                                    List<Place> places) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String member = field.getKey();
                if (member.equals(name)) {
                    find(field.getValue(), path, next, r -> object.set(member, r), places);
                }
                descendants(field.getValue(), name, path, next, places);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                descendants(element, name, path, next, places);
            }
        }
    }

    private static JsonNode maskNode(JsonNode node, MaskStrategy strategy) {
        if (node.isNull()) {
            return node;
        }
        if (node.isContainerNode()) {
            String masked = MaskStrategy.wholeDocument(strategy, node.toString());
            return masked == null ? NullNode.instance : TextNode.valueOf(masked);
        }
        if (node.isNumber()) {
            String masked = strategy.mask(node.asText(), ValueKind.NUMERIC);
            if (masked == null) {
                return NullNode.instance;
            }
            if (strategy.fits(ValueKind.NUMERIC)) {
                try {
                    return MAPPER.getNodeFactory().numberNode(new BigDecimal(masked));
                } catch (NumberFormatException e) {
                    return TextNode.valueOf(masked);
                }
            }
            return TextNode.valueOf(masked);
        }
        String masked = strategy.mask(node.asText(), ValueKind.TEXT);
        return masked == null ? NullNode.instance : TextNode.valueOf(masked);
    }
}
