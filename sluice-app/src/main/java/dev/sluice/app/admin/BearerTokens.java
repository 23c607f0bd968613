package dev.sluice.app.admin;

import dev.sluice.core.identity.AuthenticationException;
import dev.sluice.core.identity.Authenticator;
import dev.sluice.core.identity.Identity;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Proves the caller of an API endpoint from its {@code Authorization: Bearer} header (RFC 6750) with the gateway's
 * authenticator: the same local and OIDC tokens and API keys that open database sessions. A missing or refused
 * token is a 401 with {@code WWW-Authenticate: Bearer}; no answer ever repeats the token.
 */
final class BearerTokens {

    private static final String SCHEME = "bearer ";

    private final Authenticator authenticator;

    BearerTokens(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    /** @param authorization the {@code Authorization} header, if the request had one */
    Identity authenticate(Optional<String> authorization) {
        String header = authorization.map(String::strip).orElse("");
        if (header.isEmpty()) {
            throw unauthenticated("missing-token", "this endpoint needs an Authorization: Bearer token", "Bearer");
        }
        if (header.length() <= SCHEME.length() || !header.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT)
                .equals(SCHEME)) {
            throw unauthenticated("missing-token", "the Authorization header must be 'Bearer <token>'", "Bearer");
        }
        String token = header.substring(SCHEME.length()).strip();
        try {
            return authenticator.authenticate(token);
        } catch (AuthenticationException e) {
            throw unauthenticated("invalid-token", "the token was refused: " + safeReason(e.getMessage(), token),
                    "Bearer error=\"invalid_token\"");
        } catch (RuntimeException e) {
            // A broken key source must not turn into a 500 that hints at more than "not accepted".
            throw unauthenticated("invalid-token", "the token could not be verified", "Bearer error=\"invalid_token\"");
        }
    }

    /** Authenticators promise a safe reason; this is a second guard that it does not carry the token itself. */
    private static String safeReason(String reason, String token) {
        if (reason == null || reason.isBlank() || reason.contains(token)
                || token.length() >= 16 && reason.contains(token.substring(0, 16))) {
            return "it is not valid here";
        }
        return reason;
    }

    private static ApiProblem unauthenticated(String code, String message, String challenge) {
        return new ApiProblem(401, code, message, Map.of("WWW-Authenticate", challenge));
    }
}
