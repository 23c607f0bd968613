package dev.sluice.core.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

/** Verifies tokens of one {@link IssuerSpec}: signature against its keys, then iss/aud/exp/nbf, then claim mapping. */
final class TrustedIssuer implements AutoCloseable {

    /** Plain JWTs and RFC 9068 access tokens; a token without {@code typ} is accepted, as most providers omit it. */
    private static final Set<JOSEObjectType> ACCEPTED_TYPES = Set.of(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

    private final IssuerSpec spec;
    private final JWKSource<SecurityContext> keys;
    private final DefaultJWTProcessor<SecurityContext> processor;

    TrustedIssuer(IssuerSpec spec, Clock clock) {
        this.spec = spec;
        this.keys = JwkSources.forSource(spec.jwks());
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(withNull(ACCEPTED_TYPES)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                SigningAlgorithms.toJws(spec.allowedAlgorithms()), keys));
        processor.setJWTClaimsSetVerifier(claimsVerifier(spec, clock));
    }

    IssuerSpec spec() {
        return spec;
    }

    /** @param token a parsed, not yet verified token whose {@code iss} names this issuer */
    Identity verify(SignedJWT token) throws AuthenticationException {
        String algorithm = token.getHeader().getAlgorithm().getName();
        if (!spec.allowedAlgorithms().contains(algorithm)) {
            throw new AuthenticationException(SigningAlgorithms.notAllowedReason(algorithm));
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (BadJOSEException e) {
            throw VerificationFailures.from(e);
        } catch (JOSEException e) {
            throw VerificationFailures.from(e);
        }
        return TokenClaims.toIdentity(claims, spec);
    }

    @Override
    public void close() throws IOException {
        if (keys instanceof Closeable closeable) {
            closeable.close();
        }
    }

    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(IssuerSpec spec, Clock clock) {
        DefaultJWTClaimsVerifier<SecurityContext> verifier = new DefaultJWTClaimsVerifier<>(
                spec.audiences(),
                new JWTClaimsSet.Builder().issuer(spec.issuer()).build(),
                Set.of(JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.ISSUER),
                null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        verifier.setMaxClockSkew((int) spec.clockSkew().toSeconds());
        return verifier;
    }

    /** Nimbus reads a {@code null} entry as "no typ header". */
    private static Set<JOSEObjectType> withNull(Set<JOSEObjectType> types) {
        Set<JOSEObjectType> all = new HashSet<>(types);
        all.add(null);
        return all;
    }
}
