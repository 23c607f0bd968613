package dev.sluice.app.admin;

import java.util.Objects;

/**
 * One endpoint: a method on a path template, who may call it, and what answers.
 *
 * @param method  the HTTP method, upper case
 * @param path    the path template
 * @param access  who may call it; checked by the router before the handler runs
 * @param handler the answer; it may throw {@link ApiProblem} for a 4xx
 */
record Route(String method, PathTemplate path, Access access, Handler handler) {

    /** Answers one request that matched its route and passed its access check. */
    @FunctionalInterface
    interface Handler {
        AdminResponse handle(ApiRequest request);
    }

    Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
    }

    static Route get(String path, Access access, Handler handler) {
        return new Route("GET", PathTemplate.of(path), access, handler);
    }

    static Route post(String path, Access access, Handler handler) {
        return new Route("POST", PathTemplate.of(path), access, handler);
    }
}
