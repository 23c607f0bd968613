package dev.sluice.core.identity;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One token issuer the gateway trusts, and how to read its tokens.
 *
 * <p>Claim names may be paths into nested JSON objects ({@code realm_access.roles} for Keycloak realm roles);
 * a claim whose literal top-level name contains dots (Auth0's {@code https://example.com/groups}) is found first.
 *
 * @param name              a short label for logs and configuration errors
 * @param issuer            the exact {@code iss} value tokens carry
 * @param jwks              where the issuer's public keys come from
 * @param audiences         accepted {@code aud} values; a token must name at least one of them
 * @param groupsClaim       claim holding group memberships, an array or a space/comma separated string (default {@code groups})
 * @param subjectClaim      claim holding the stable subject (default {@code sub})
 * @param displayNameClaim  claim holding a human-readable name (default {@code name}); {@code preferred_username}
 *                          and {@code email} are tried next, then the subject
 * @param allowedAlgorithms asymmetric JWS algorithms accepted, some of {@link #SUPPORTED_ALGORITHMS} (default
 *                          {@link #DEFAULT_ALGORITHMS}: RS256, ES256, PS256); HMAC and {@code none} are refused here
 *                          and can never be configured
 * @param clockSkew         tolerance for {@code exp}/{@code nbf} between clocks (default 60 s, at most 5 min)
 * @param proof             what a verified token proves: {@code OIDC_TOKEN} for an external provider,
 *                          {@code LOCAL_TOKEN} for the {@link LocalIssuer}
 */
public record IssuerSpec(String name, String issuer, JwksSource jwks, Set<String> audiences, String groupsClaim,
                         String subjectClaim, String displayNameClaim, Set<String> allowedAlgorithms,
                         Duration clockSkew, Identity.Proof proof) {

    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final String DEFAULT_SUBJECT_CLAIM = "sub";
    public static final String DEFAULT_DISPLAY_NAME_CLAIM = "name";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
    /** Longer tolerance would keep an expired token useful for too long. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Accepted when a configuration names no algorithms: RS256, ES256, PS256. The configuration reads this list. */
    public static final List<String> DEFAULT_ALGORITHMS = SigningAlgorithms.DEFAULTS;
    /** Every JWS algorithm an issuer may be configured with; all asymmetric. The configuration checks against it. */
    public static final List<String> SUPPORTED_ALGORITHMS = SigningAlgorithms.SUPPORTED;

    public IssuerSpec {
        name = requireText(name, "name");
        issuer = requireText(issuer, "issuer");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(audiences, "audiences");
        if (audiences.isEmpty() || audiences.stream().anyMatch(a -> a == null || a.isBlank())) {
            throw new IllegalArgumentException("issuer " + name
                    + ": at least one non-blank audience is required (a token minted for another service must not open a session)");
        }
        audiences = Set.copyOf(audiences);
        groupsClaim = orDefault(groupsClaim, DEFAULT_GROUPS_CLAIM);
        subjectClaim = orDefault(subjectClaim, DEFAULT_SUBJECT_CLAIM);
        displayNameClaim = orDefault(displayNameClaim, DEFAULT_DISPLAY_NAME_CLAIM);
        allowedAlgorithms = allowedAlgorithms == null || allowedAlgorithms.isEmpty()
                ? Set.copyOf(DEFAULT_ALGORITHMS)
                : SigningAlgorithms.validate(allowedAlgorithms);
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("issuer " + name + ": clock skew must be between 0 and "
                    + MAX_CLOCK_SKEW.toSeconds() + " s, was " + clockSkew.toSeconds() + " s");
        }
        proof = proof == null ? Identity.Proof.OIDC_TOKEN : proof;
        if (proof == Identity.Proof.API_KEY) {
            throw new IllegalArgumentException("issuer " + name + ": a token issuer cannot stamp the API_KEY proof");
        }
    }

    /** An external OIDC issuer with every default: groups in {@code groups}, RS256/ES256/PS256, 60 s skew. */
    public static IssuerSpec oidc(String name, String issuer, JwksSource jwks, Set<String> audiences) {
        return new IssuerSpec(name, issuer, jwks, audiences, null, null, null, null, null, Identity.Proof.OIDC_TOKEN);
    }

    public IssuerSpec withGroupsClaim(String claim) {
        return new IssuerSpec(name, issuer, jwks, audiences, claim, subjectClaim, displayNameClaim, allowedAlgorithms, clockSkew, proof);
    }

    public IssuerSpec withSubjectClaim(String claim) {
        return new IssuerSpec(name, issuer, jwks, audiences, groupsClaim, claim, displayNameClaim, allowedAlgorithms, clockSkew, proof);
    }

    public IssuerSpec withDisplayNameClaim(String claim) {
        return new IssuerSpec(name, issuer, jwks, audiences, groupsClaim, subjectClaim, claim, allowedAlgorithms, clockSkew, proof);
    }

    public IssuerSpec withAllowedAlgorithms(Set<String> algorithms) {
        return new IssuerSpec(name, issuer, jwks, audiences, groupsClaim, subjectClaim, displayNameClaim, algorithms, clockSkew, proof);
    }

    public IssuerSpec withClockSkew(Duration skew) {
        return new IssuerSpec(name, issuer, jwks, audiences, groupsClaim, subjectClaim, displayNameClaim, allowedAlgorithms, skew, proof);
    }

    public IssuerSpec withProof(Identity.Proof newProof) {
        return new IssuerSpec(name, issuer, jwks, audiences, groupsClaim, subjectClaim, displayNameClaim, allowedAlgorithms, clockSkew, newProof);
    }

    private static String requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
