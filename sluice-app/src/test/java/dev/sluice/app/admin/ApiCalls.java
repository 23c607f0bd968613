package dev.sluice.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** HTTP calls against an {@link ApiFixture}, with or without a bearer token. */
final class ApiCalls implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    ApiCalls(URI base) {
        this.base = base;
    }

    /** A response with its body parsed (JSON answers only). */
    record Answer(int status, JsonNode json, HttpResponse<String> raw) {

        String error() {
            return json.path("error").asText();
        }

        String message() {
            return json.path("message").asText();
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET().build());
    }

    Answer post(String path, String token, String body) throws IOException, InterruptedException {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer method(String method, String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), json, response);
    }

    @Override
    public void close() {
        http.close();
    }
}
