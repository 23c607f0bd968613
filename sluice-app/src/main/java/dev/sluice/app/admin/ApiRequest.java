package dev.sluice.app.admin;

import dev.sluice.core.identity.Identity;

import java.util.Map;
import java.util.Optional;

/**
 * A request that matched a route and passed its access check.
 *
 * @param method     the HTTP method
 * @param parameters path parameters by name, decoded
 * @param rawQuery   the query string as received; null when none (parsed on demand: most endpoints take none)
 * @param body       the request body, at most {@link AdminRouter#MAX_BODY_BYTES}
 * @param caller     who is calling; empty on public routes
 */
record ApiRequest(String method, Map<String, String> parameters, String rawQuery, byte[] body,
                  Optional<Identity> caller) {

    ApiRequest {
        parameters = Map.copyOf(parameters);
        body = body == null ? new byte[0] : body;
        caller = caller == null ? Optional.empty() : caller;
    }

    String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    QueryParameters query() {
        return QueryParameters.parse(rawQuery);
    }

    JsonBody json() {
        return JsonBody.parse(body);
    }

    /** The authenticated caller; only called on routes that are not public. */
    Identity identity() {
        return caller.orElseThrow(() -> new IllegalStateException("a public route asked for its caller"));
    }
}
