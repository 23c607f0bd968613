package dev.sluice.core.identity;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies a JWT presented as a password against the issuers the gateway trusts.
 *
 * <p>The unverified {@code iss} only chooses which issuer's keys and rules to apply; nothing else in the token is
 * believed before its signature verifies against that issuer's keys. Error texts say what was wrong and never
 * quote the token.
 */
public final class JwtAuthenticator implements Authenticator, AutoCloseable {

    /** Real access tokens stay well under this; a longer password is not a token worth parsing. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(JwtAuthenticator.class);

    private final Map<String, TrustedIssuer> byIssuer;

    public JwtAuthenticator(List<IssuerSpec> issuers) {
        this(issuers, Clock.systemUTC());
    }

    /** @param clock the time {@code exp} and {@code nbf} are checked against */
    public JwtAuthenticator(List<IssuerSpec> issuers, Clock clock) {
        Objects.requireNonNull(issuers, "issuers");
        Objects.requireNonNull(clock, "clock");
        Map<String, TrustedIssuer> map = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (IssuerSpec spec : issuers) {
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("two issuers are named " + spec.name());
            }
            if (map.containsKey(spec.issuer())) {
                throw new IllegalArgumentException("issuers " + map.get(spec.issuer()).spec().name() + " and "
                        + spec.name() + " both claim iss " + spec.issuer());
            }
            map.put(spec.issuer(), new TrustedIssuer(spec, clock));
        }
        this.byIssuer = Map.copyOf(map);
    }

    /** The {@code iss} values accepted. */
    public Set<String> trustedIssuers() {
        return byIssuer.keySet();
    }

    @Override
    public Identity authenticate(String credential) throws AuthenticationException {
        SignedJWT token = parse(credential);
        String iss = unverifiedIssuer(token);
        TrustedIssuer issuer = byIssuer.get(iss);
        if (issuer == null) {
            log.debug("token refused: issuer is not trusted");
            throw new AuthenticationException("token issuer is not trusted");
        }
        try {
            Identity identity = issuer.verify(token);
            log.debug("token accepted from issuer {} for subject {}", issuer.spec().name(), identity.subject());
            return identity;
        } catch (AuthenticationException e) {
            log.debug("token refused by issuer {}: {}", issuer.spec().name(), e.getMessage());
            throw e;
        }
    }

    @Override
    public void close() {
        for (TrustedIssuer issuer : byIssuer.values()) {
            try {
                issuer.close();
            } catch (IOException e) {
                log.warn("closing the key source of issuer {} failed: {}", issuer.spec().name(), e.toString());
            }
        }
    }

    /**
     * Reads the header first, so that {@code alg: none} and encrypted tokens get their own answer instead of a
     * parse error. Parser messages are dropped: they can quote the token.
     */
    private static SignedJWT parse(String credential) throws AuthenticationException {
        if (credential == null || credential.isEmpty()) {
            throw new AuthenticationException("no credential presented");
        }
        if (credential.length() > MAX_TOKEN_CHARS) {
            throw new AuthenticationException("credential is too long to be a token");
        }
        Header header;
        try {
            Base64URL[] parts = JOSEObject.split(credential);
            header = Header.parse(parts[0]);
        } catch (ParseException | RuntimeException e) {
            throw new AuthenticationException("credential is not a token");
        }
        if (header.getAlgorithm() == null || Algorithm.NONE.equals(header.getAlgorithm())) {
            throw new AuthenticationException("token algorithm none is not allowed");
        }
        if (header instanceof JWEHeader) {
            throw new AuthenticationException("encrypted tokens are not accepted");
        }
        try {
            return SignedJWT.parse(credential);
        } catch (ParseException | RuntimeException e) {
            throw new AuthenticationException("credential is not a token");
        }
    }

    private static String unverifiedIssuer(SignedJWT token) throws AuthenticationException {
        String iss;
        try {
            iss = token.getJWTClaimsSet().getIssuer();
        } catch (ParseException | RuntimeException e) {
            throw new AuthenticationException("credential is not a token");
        }
        if (iss == null || iss.isBlank()) {
            throw new AuthenticationException("token has no issuer");
        }
        return iss;
    }
}
