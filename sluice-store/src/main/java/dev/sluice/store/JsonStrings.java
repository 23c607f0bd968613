package dev.sluice.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.util.Collection;
import java.util.List;

/** Lists of strings kept in a text column as a JSON array (groups, channels). */
final class JsonStrings {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private JsonStrings() {
    }

    static String write(Collection<String> values) {
        try {
            return AuditEventJson.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    /** @param column named in the error, never the stored value */
    static List<String> read(String json, String column) {
        try {
            return List.copyOf(AuditEventJson.mapper().readValue(json, STRINGS));
        } catch (JsonProcessingException | NullPointerException e) {
            throw new StoreException("the stored " + column + " is not a JSON array of strings", null);
        }
    }
}
