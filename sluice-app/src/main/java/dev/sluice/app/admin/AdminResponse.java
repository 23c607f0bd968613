package dev.sluice.app.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the admin server: status, content type, cache policy, extra headers and the whole body (every
 * admin answer is small enough to hold in memory, and a known length spares chunked encoding).
 */
record AdminResponse(int status, String contentType, String cacheControl, Map<String, String> headers, byte[] body) {

    static final String JSON = "application/json";
    /** Prometheus text exposition format 0.0.4, what every Prometheus-compatible scraper accepts. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Probes and scrapes must see the present state, never a cached one. */
    static final String NO_STORE = "no-store";

    private static final ObjectWriter WRITER = new ObjectMapper().writer();

    AdminResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(cacheControl, "cacheControl");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A JSON answer that must not be cached. */
    static AdminResponse json(int status, String json) {
        return new AdminResponse(status, JSON, NO_STORE, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"status":"…"}}; {@code status} is one of a few fixed words, so no escaping is needed. */
    static AdminResponse status(int status, String word) {
        return json(status, "{\"status\":\"" + word + "\"}");
    }

    /** A JSON document that must not be cached. */
    static AdminResponse json(int status, JsonNode document) {
        try {
            return new AdminResponse(status, JSON, NO_STORE, Map.of(), WRITER.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e); // a tree always can
        }
    }

    /**
     * {@code {"error":"…","message":"…"}}.
     *
     * @param code    a fixed word clients may test for, never request input
     * @param message a sentence for a person; it may quote request input (it is JSON-escaped), never a credential
     */
    static AdminResponse error(int status, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", code);
        body.put("message", message);
        return json(status, body);
    }

    AdminResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AdminResponse(status, contentType, cacheControl, more, body);
    }
}
