package dev.sluice.app.admin;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sluice.core.approval.ApprovalsUnavailableException;
import dev.sluice.core.identity.Identity;
import dev.sluice.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Sends each admin request to its {@link Route} by method and path template, after the route's access check.
 *
 * <p>In order: an unknown path is 404; a known path with another method is 405 with {@code Allow}; a route that is
 * not public needs a bearer token (401) held by someone with the route's role (403); a body over
 * {@link #MAX_BODY_BYTES} is 413; then the handler answers, and may refuse with a 400, 403, 404 or 409 of its own.
 * Every refusal is JSON: {@code {"error":"code","message":"sentence"}}. Where one path matches several templates the
 * one with more literal segments wins ({@code /sessions/live} over {@code /sessions/{id}}).
 *
 * <p>Requests are logged at DEBUG with method, path and status only. Never headers (they carry bearer tokens and
 * cookies) and never the query string (tokens travel there too).
 */
final class AdminRouter implements HttpHandler {

    /** Every API body is a small JSON object; 64 KiB leaves room for a long comment and refuses anything else. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** How much of a too-large body is read (and dropped) to answer 413 cleanly. */
    static final int DISCARD_LIMIT = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AdminRouter.class);
    private static final int MAX_LOGGED_PATH = 80;

    private final List<Route> routes;
    private final BearerTokens tokens;
    private final AdminRoles roles;

    AdminRouter(List<Route> routes, BearerTokens tokens, AdminRoles roles) {
        this.routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    List<Route> routes() {
        return routes;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = pathOf(exchange);
            AdminResponse response = answer(exchange, method, path);
            send(exchange, response);
            log.debug("admin {} {} -> {}", method, loggable(path), response.status());
        } catch (IOException e) {
            log.debug("admin client went away: {}", e.getClass().getName());
        }
    }

    private AdminResponse answer(HttpExchange exchange, String method, String path) throws IOException {
        try {
            Match match = match(method, path);
            Optional<Identity> caller = Optional.empty();
            if (match.route().access() != Access.PUBLIC) {
                Identity identity = tokens.authenticate(
                        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
                if (!roles.permits(match.route().access(), identity)) {
                    throw ApiProblem.forbidden("this needs " + roles.requirement(match.route().access()));
                }
                caller = Optional.of(identity);
            }
            byte[] body = readBody(exchange);
            ApiRequest request = new ApiRequest(method, match.parameters(), exchange.getRequestURI().getRawQuery(),
                    body, caller);
            return call(match.route(), request);
        } catch (ApiProblem problem) {
            return problem.toResponse();
        }
    }

    private AdminResponse call(Route route, ApiRequest request) {
        try {
            return route.handler().handle(request);
        } catch (ApiProblem problem) {
            return problem.toResponse();
        } catch (ApprovalsUnavailableException e) {
            log.warn("admin endpoint {} {}: the approvals store is unavailable", route.method(), route.path());
            return AdminResponse.error(503, "approvals-unavailable",
                    "approvals cannot be read or recorded right now; try again shortly");
        } catch (StoreException e) {
            log.warn("admin endpoint {} {}: the store is unavailable", route.method(), route.path());
            return AdminResponse.error(503, "store-unavailable", "the store cannot be reached right now; try again shortly");
        } catch (RuntimeException e) {
            // The type only: an exception's message is not ours to vouch for.
            log.warn("admin endpoint {} {} failed with {}", route.method(), route.path(), e.getClass().getName());
            return AdminResponse.error(500, "internal-error", "the admin server failed to answer; its log says more");
        }
    }

    private record Match(Route route, Map<String, String> parameters) {
    }

    /** The route for {@code method} on the most literal template matching {@code path}; 404 or 405 otherwise. */
    private Match match(String method, String path) {
        Optional<PathTemplate> best = routes.stream().map(Route::path).distinct()
                .filter(t -> t.match(path).isPresent())
                .max(Comparator.comparingInt(PathTemplate::literals));
        if (best.isEmpty()) {
            throw ApiProblem.notFound("nothing is served at this path");
        }
        PathTemplate template = best.get();
        List<Route> onPath = routes.stream().filter(r -> r.path().equals(template)).toList();
        Route route = onPath.stream().filter(r -> r.method().equals(method)).findFirst().orElse(null);
        if (route == null) {
            String allow = onPath.stream().map(Route::method).collect(Collectors.toCollection(TreeSet::new)).stream()
                    .collect(Collectors.joining(", "));
            throw new ApiProblem(405, "method-not-allowed", "this path answers " + allow + " only",
                    Map.of("Allow", allow));
        }
        return new Match(route, template.match(path).orElseThrow());
    }

    /**
     * The body, at most {@link #MAX_BODY_BYTES}. A larger one is refused; up to {@link #DISCARD_LIMIT} of it is read
     * and dropped first, so that the client, still sending, reads the 413 instead of a reset connection. A body
     * declared larger than that is refused without reading it, and the server closes the connection.
     */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("bad-request", "Content-Length is not a number");
            }
            if (length > DISCARD_LIMIT) {
                throw tooLarge();
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                discard(in, DISCARD_LIMIT - body.length);
                throw tooLarge();
            }
            return body;
        }
    }

    private static void discard(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[8192];
        long left = atMost;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    private static ApiProblem tooLarge() {
        return new ApiProblem(413, "body-too-large", "the request body is larger than " + MAX_BODY_BYTES / 1024
                + " KiB");
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
