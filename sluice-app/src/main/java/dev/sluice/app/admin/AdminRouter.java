package dev.sluice.app.admin;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Sends each admin request to its endpoint by exact path. Every endpoint is read-only, so GET is the only
 * method: another method on a known path is 405 with {@code Allow: GET}, an unknown path is 404, and both
 * answer in JSON like the endpoints do.
 *
 * <p>Requests are logged at DEBUG with method, path and status only. Never headers (a scraper or a browser
 * may send a bearer token or cookies) and never the query string (tokens travel there too).
 */
final class AdminRouter implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminRouter.class);
    private static final int MAX_LOGGED_PATH = 80;

    private final Map<String, Supplier<AdminResponse>> endpoints;

    /** @param endpoints exact request path to the endpoint answering GET on it */
    AdminRouter(Map<String, Supplier<AdminResponse>> endpoints) {
        this.endpoints = Map.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = pathOf(exchange);
            AdminResponse response = answer(method, path);
            send(exchange, response);
            log.debug("admin {} {} -> {}", method, loggable(path), response.status());
        } catch (IOException e) {
            log.debug("admin client went away: {}", e.getClass().getName());
        }
    }

    AdminResponse answer(String method, String path) {
        Supplier<AdminResponse> endpoint = endpoints.get(path);
        if (endpoint == null) {
            return AdminResponse.error(404, "not-found");
        }
        if (!"GET".equals(method)) {
            return AdminResponse.error(405, "method-not-allowed").withHeader("Allow", "GET");
        }
        try {
            return endpoint.get();
        } catch (RuntimeException e) {
            // The type only: a supplier's message is not ours to vouch for.
            log.warn("admin endpoint {} failed with {}", path, e.getClass().getName());
            return AdminResponse.error(500, "internal-error");
        }
    }

    private static void send(HttpExchange exchange, AdminResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("Cache-Control", response.cacheControl());
        headers.set("X-Content-Type-Options", "nosniff");
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** An authority-form or opaque request target ({@code CONNECT host:443}) has no path; it matches nothing. */
    private static String pathOf(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        return path == null ? "" : path;
    }

    /** The raw path is percent-encoded (no control characters); only its length needs a bound. */
    private static String loggable(String path) {
        return path.length() <= MAX_LOGGED_PATH ? path : path.substring(0, MAX_LOGGED_PATH) + "…";
    }
}
