package dev.sluice.core.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A single-node token issuer for the demo and small installations that have no identity provider.
 *
 * <p>It signs ES256 tokens with an EC P-256 key kept in {@value #KEY_FILE_NAME} under the data directory
 * (created owner-readable only on first start, reused afterwards, so tokens survive a restart). Its public keys are
 * published by the admin listener at {@code /.well-known/jwks.json}; the gateway itself verifies them in-process
 * through {@link #issuerSpec()}.
 */
public final class LocalIssuer {

    public static final String KEY_FILE_NAME = "local-issuer.jwk.json";
    public static final String DEFAULT_ISSUER = "sluice-local";
    /** The name this issuer's {@link IssuerSpec} carries; no external issuer may use it. */
    public static final String NAME = "local";
    public static final String DEFAULT_AUDIENCE = "sluice";
    public static final String GROUPS_CLAIM = "groups";

    private final ECKey key;
    private final ECDSASigner signer;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    private LocalIssuer(ECKey key, String issuer, String audience, Clock clock) {
        this.key = key;
        this.issuer = requireText(issuer, "issuer");
        this.audience = requireText(audience, "audience");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("local issuer key cannot sign", e);
        }
    }

    /** Opens (or creates) the issuer in {@code dataDir} with iss {@code sluice-local} and aud {@code sluice}. */
    public static LocalIssuer open(Path dataDir) throws IOException {
        return open(dataDir, DEFAULT_ISSUER, DEFAULT_AUDIENCE, Clock.systemUTC());
    }

    public static LocalIssuer open(Path dataDir, String issuer, String audience) throws IOException {
        return open(dataDir, issuer, audience, Clock.systemUTC());
    }

    /** @param clock stamps {@code iat}/{@code nbf}/{@code exp} */
    public static LocalIssuer open(Path dataDir, String issuer, String audience, Clock clock) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        return new LocalIssuer(LocalIssuerKeyFile.loadOrCreate(dataDir.resolve(KEY_FILE_NAME)), issuer, audience, clock);
    }

    /**
     * Signs a token for {@code subject}.
     *
     * @param ttl how long the token is valid; must be positive
     * @return the compact JWT, to be handed to the user once; it is a bearer secret
     */
    public String issue(String subject, Set<String> groups, Duration ttl) {
        requireText(subject, "subject");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim(GROUPS_CLAIM, List.copyOf(new TreeSet<>(groups)))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a local token failed", e);
        }
        return jwt.serialize();
    }

    /** The public JWK set as JSON, for {@code /.well-known/jwks.json}; it never contains the private part. */
    public String publicJwksJson() {
        return publicJwks().toString(true);
    }

    /** Verifies this issuer's tokens in-process, with no HTTP round trip; stamps {@code LOCAL_TOKEN}. */
    public IssuerSpec issuerSpec() {
        return new IssuerSpec(NAME, issuer, new JwksSource.Fixed(publicJwks()), Set.of(audience), GROUPS_CLAIM,
                null, null, Set.of(JWSAlgorithm.ES256.getName()), null, Identity.Proof.LOCAL_TOKEN);
    }

    public String keyId() {
        return key.getKeyID();
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    @Override
    public String toString() {
        return "LocalIssuer[iss=" + issuer + ", aud=" + audience + ", kid=" + key.getKeyID() + "]";
    }

    private JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }

    private static String requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }
}
