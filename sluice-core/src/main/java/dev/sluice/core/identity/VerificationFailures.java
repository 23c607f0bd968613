package dev.sluice.core.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jwt.proc.BadJWTException;

/**
 * Turns Nimbus verification failures into the short, safe sentences a client and a log may see.
 *
 * <p>Nimbus reports claim failures only through message texts (checked against 10.10 and pinned by
 * {@code JwtAuthenticatorTest}); anything not recognised becomes a generic refusal rather than leaking a
 * library message, which could quote token content. Causes are attached only for key-source failures, whose
 * messages are about the network or a file, never about the token.
 */
final class VerificationFailures {

    static final String EXPIRED = "token expired";
    static final String NOT_YET_VALID = "token not yet valid";
    static final String AUDIENCE = "token audience does not match";
    static final String NO_EXPIRY = "token has no expiry";
    static final String SIGNATURE = "token signature does not verify";
    static final String UNKNOWN_KEY = "token signing key is not known";
    static final String KEYS_UNAVAILABLE = "token issuer keys are unavailable";
    static final String TYPE = "token type is not accepted";

    private VerificationFailures() {
    }

    static AuthenticationException from(BadJOSEException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof BadJWTException) {
            return new AuthenticationException(claimReason(message));
        }
        if (e instanceof BadJWSException) {
            return new AuthenticationException(SIGNATURE);
        }
        if (message.contains("no matching key")) {
            return new AuthenticationException(UNKNOWN_KEY);
        }
        if (message.contains("typ (type)")) {
            return new AuthenticationException(TYPE);
        }
        return new AuthenticationException("token was refused");
    }

    static AuthenticationException from(JOSEException e) {
        if (e instanceof RateLimitReachedException) {
            // The cached keys lack this kid and the provider was asked recently: the key is simply not known.
            return new AuthenticationException(UNKNOWN_KEY);
        }
        if (e instanceof KeySourceException) {
            return new AuthenticationException(KEYS_UNAVAILABLE, e);
        }
        return new AuthenticationException("token could not be verified");
    }

    private static String claimReason(String message) {
        if (message.startsWith("Expired JWT")) {
            return EXPIRED;
        }
        if (message.startsWith("JWT before use time")) {
            return NOT_YET_VALID;
        }
        if (message.contains("aud claim")) {
            return AUDIENCE;
        }
        if (message.startsWith("JWT missing required claims") && message.contains("exp")) {
            return NO_EXPIRY;
        }
        if (message.startsWith("JWT iss claim")) {
            return "token issuer is not trusted";
        }
        return "token claims are not valid";
    }
}
