package dev.sluice.app.admin;

import java.util.Map;
import java.util.Objects;

/**
 * A request the admin API answers with a 4xx or 5xx: thrown by an endpoint, turned into
 * {@code {"error":"code","message":"sentence"}} by the router. Carries no stack trace: it is an answer, not a bug.
 *
 * @see AdminResponse#error(int, String, String)
 */
final class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    /**
     * @param code    a fixed word clients may test for
     * @param message a sentence for a person; never a credential
     */
    ApiProblem(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiProblem(int status, String code, String message, Map<String, String> headers) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    static ApiProblem badRequest(String code, String message) {
        return new ApiProblem(400, code, message);
    }

    static ApiProblem notFound(String message) {
        return new ApiProblem(404, "not-found", message);
    }

    static ApiProblem forbidden(String message) {
        return new ApiProblem(403, "forbidden", message);
    }

    AdminResponse toResponse() {
        AdminResponse response = AdminResponse.error(status, code, getMessage());
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
