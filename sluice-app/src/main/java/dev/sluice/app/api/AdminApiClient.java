package dev.sluice.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Calls the gateway's admin API ({@code /api/v1}) with a bearer token, for the CLI. Redirects are not followed: a
 * token goes only to the server it was given for.
 */
public final class AdminApiClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI server;
    private final String token;
    private final HttpClient http;

    public AdminApiClient(URI server, String token) {
        this.server = ServerUrl.normalize(Objects.requireNonNull(server, "server"));
        this.token = Objects.requireNonNull(token, "token").strip();
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI server() {
        return server;
    }

    /** {@code GET path?query}; empty query values are left out. */
    public JsonNode get(String path, Map<String, String> query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    public JsonNode get(String path) {
        return get(path, Map.of());
    }

    public JsonNode post(String path, ObjectNode body) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
        return send(HttpRequest.newBuilder(uri(path, Map.of())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)));
    }

    public static ObjectNode body() {
        return JSON.createObjectNode();
    }

    /** A path segment from user input (an id), encoded so that it cannot change the path. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            query.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    private URI uri(String path, Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return URI.create(server + path + joined);
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new AdminApiException(0, "unreachable", "cannot reach the admin API at " + server
                    + " (is the gateway running with admin.listen, and is the address right?)");
        } catch (HttpTimeoutException e) {
            throw new AdminApiException(0, "unreachable", "the admin API at " + server + " did not answer within "
                    + REQUEST_TIMEOUT.toSeconds() + "s");
        } catch (IOException e) {
            throw new AdminApiException(0, "unreachable", "cannot talk to the admin API at " + server + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiException(0, "unreachable", "interrupted while waiting for the admin API");
        }
        JsonNode json = parse(response);
        if (response.statusCode() / 100 == 2) {
            return json;
        }
        String code = json.path("error").asText("");
        String message = json.path("message").asText("");
        if (code.isEmpty() || message.isEmpty()) {
            throw new AdminApiException(response.statusCode(), "bad-response", server + " answered HTTP "
                    + response.statusCode() + " without an admin API error; is it a Sluice admin port?");
        }
        throw new AdminApiException(response.statusCode(), code, message);
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node == null || node.isMissingNode() ? JSON.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw new AdminApiException(response.statusCode(), "bad-response", server + " answered HTTP "
                    + response.statusCode() + " with something that is not JSON; is it a Sluice admin port?");
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
