package dev.sluice.core.identity;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.sluice.core.identity.TestTokens.AUDIENCE;
import static dev.sluice.core.identity.TestTokens.ISSUER;
import static dev.sluice.core.identity.TestTokens.assertRefused;
import static dev.sluice.core.identity.TestTokens.base64Url;
import static dev.sluice.core.identity.TestTokens.sign;
import static dev.sluice.core.identity.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Verification of external OIDC tokens against keys served by a real JWKS endpoint on loopback. */
class JwtAuthenticatorTest {

    /** Generated once: RSA key generation is the slowest thing these tests do, and the keys are immutable. */
    private static final RSAKey rsa = TestTokens.rsaKey("rsa-1");
    private static final ECKey ec = TestTokens.ecKey("ec-1");
    private JwksTestServer jwks;
    private JwtAuthenticator authenticator;

    @BeforeEach
    void start() throws Exception {
        jwks = new JwksTestServer(new JWKSet(List.of(rsa, ec)));
        authenticator = new JwtAuthenticator(List.of(spec()));
    }

    @AfterEach
    void stop() {
        authenticator.close();
        jwks.close();
    }

    private IssuerSpec spec() {
        return IssuerSpec.oidc("clinic-idp", ISSUER, new JwksSource.Url(jwks.uri()), Set.of(AUDIENCE));
    }

    @Test
    void rsaSignedTokenIsAcceptedWithItsGroups() throws Exception {
        String token = sign(rsa, JWSAlgorithm.RS256, validClaims("u-123")
                .claim("name", "Dana Scully").claim("groups", List.of("dba", "oncall")).build());

        Identity identity = authenticator.authenticate(token);

        assertThat(identity).isEqualTo(new Identity("u-123", "Dana Scully", Set.of("dba", "oncall"),
                Identity.Proof.OIDC_TOKEN, ISSUER));
    }

    @Test
    void ecAndPssSignedTokensAreAccepted() throws Exception {
        assertThat(authenticator.authenticate(sign(ec, JWSAlgorithm.ES256, validClaims("ec-user").build())).subject())
                .isEqualTo("ec-user");
        assertThat(authenticator.authenticate(sign(rsa, JWSAlgorithm.PS256, validClaims("pss-user").build())).subject())
                .isEqualTo("pss-user");
    }

    @Test
    void groupsGivenAsOneStringAreSplitOnSpacesAndCommas() throws Exception {
        String token = sign(rsa, JWSAlgorithm.RS256, validClaims("u").claim("groups", "dba, oncall  readers").build());

        assertThat(authenticator.authenticate(token).groups()).containsExactlyInAnyOrder("dba", "oncall", "readers");
    }

    @Test
    void arrayGroupsAreTakenWholeEvenWithCommas() throws Exception {
        String token = sign(rsa, JWSAlgorithm.RS256,
                validClaims("u").claim("groups", List.of("cn=ops,ou=groups", "dba")).build());

        assertThat(authenticator.authenticate(token).groups()).containsExactlyInAnyOrder("cn=ops,ou=groups", "dba");
    }

    @Test
    void nestedGroupsClaimPathIsFollowed() throws Exception {
        try (JwtAuthenticator keycloak = new JwtAuthenticator(List.of(spec().withGroupsClaim("realm_access.roles")))) {
            String token = sign(rsa, JWSAlgorithm.RS256, validClaims("u")
                    .claim("realm_access", Map.of("roles", List.of("phi-reader", "dba"))).build());

            assertThat(keycloak.authenticate(token).groups()).containsExactlyInAnyOrder("phi-reader", "dba");
        }
    }

    @Test
    void claimNameContainingDotsIsReadLiterally() throws Exception {
        try (JwtAuthenticator auth0 = new JwtAuthenticator(List.of(spec().withGroupsClaim("https://clinic.example/groups")))) {
            String token = sign(rsa, JWSAlgorithm.RS256, validClaims("u")
                    .claim("https://clinic.example/groups", List.of("dba")).build());

            assertThat(auth0.authenticate(token).groups()).containsExactly("dba");
        }
    }

    @Test
    void missingGroupsClaimMeansNoGroups() throws Exception {
        assertThat(authenticator.authenticate(sign(rsa, JWSAlgorithm.RS256, validClaims("u").build())).groups()).isEmpty();
    }

    @Test
    void groupsClaimOfAnotherShapeIsRefused() {
        assertRefused(authenticator, sign(rsa, JWSAlgorithm.RS256, validClaims("u").claim("groups", 42).build()),
                "token groups claim is neither a string nor an array");
        assertRefused(authenticator, sign(rsa, JWSAlgorithm.RS256, validClaims("u").claim("groups", List.of(1, 2)).build()),
                "token groups claim holds a value that is not a string");
    }

    @Test
    void displayNameFallsBackToPreferredUsernameThenEmailThenSubject() throws Exception {
        assertThat(authenticator.authenticate(sign(rsa, JWSAlgorithm.RS256,
                validClaims("u").claim("preferred_username", "dscully").claim("email", "d@x.test").build())).displayName())
                .isEqualTo("dscully");
        assertThat(authenticator.authenticate(sign(rsa, JWSAlgorithm.RS256,
                validClaims("u").claim("email", "d@x.test").build())).displayName()).isEqualTo("d@x.test");
        assertThat(authenticator.authenticate(sign(rsa, JWSAlgorithm.RS256, validClaims("u").build())).displayName())
                .isEqualTo("u");
    }

    @Test
    void configuredSubjectClaimIsUsed() throws Exception {
        try (JwtAuthenticator entra = new JwtAuthenticator(List.of(spec().withSubjectClaim("oid")))) {
            String token = sign(rsa, JWSAlgorithm.RS256, validClaims("pairwise-sub").claim("oid", "object-7").build());

            assertThat(entra.authenticate(token).subject()).isEqualTo("object-7");
        }
    }

    @Test
    void tokenWithoutSubjectIsRefused() {
        assertRefused(authenticator, sign(rsa, JWSAlgorithm.RS256, validClaims(null).build()), "token has no subject");
    }

    @Test
    void expiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        String token = sign(rsa, JWSAlgorithm.RS256, validClaims("u")
                .issueTime(Date.from(past.minusSeconds(300))).notBeforeTime(Date.from(past.minusSeconds(300)))
                .expirationTime(Date.from(past)).build());

        assertRefused(authenticator, token, "token expired");
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsAccepted() throws Exception {
        String token = sign(rsa, JWSAlgorithm.RS256, validClaims("u")
                .expirationTime(Date.from(Instant.now().minusSeconds(20))).build());

        assertThat(authenticator.authenticate(token).subject()).isEqualTo("u");
    }

    @Test
    void notYetValidTokenIsRefused() {
        String token = sign(rsa, JWSAlgorithm.RS256, validClaims("u")
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(20)))).build());

        assertRefused(authenticator, token, "token not yet valid");
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        assertRefused(authenticator, sign(rsa, JWSAlgorithm.RS256, validClaims("u").expirationTime(null).build()),
                "token has no expiry");
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        assertRefused(authenticator, sign(rsa, JWSAlgorithm.RS256, validClaims("u").audience("billing-api").build()),
                "token audience does not match");
        assertRefused(authenticator, sign(rsa, JWSAlgorithm.RS256, validClaims("u").audience((String) null).build()),
                "token audience does not match");
    }

    @Test
    void tokenFromAnUntrustedIssuerIsRefused() {
        assertRefused(authenticator, sign(rsa, JWSAlgorithm.RS256, validClaims("u").issuer("https://evil.test").build()),
                "token issuer is not trusted");
        assertRefused(authenticator, sign(rsa, JWSAlgorithm.RS256, validClaims("u").issuer(null).build()),
                "token has no issuer");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String token = sign(rsa, JWSAlgorithm.RS256, validClaims("u").claim("groups", List.of("readers")).build());
        String[] parts = token.split("\\.");
        String forgedPayload = base64Url(validClaims("u").claim("groups", List.of("admins")).build().toString());

        assertRefused(authenticator, parts[0] + "." + forgedPayload + "." + parts[2], "token signature does not verify");
    }

    @Test
    void tamperedSignatureIsRefused() {
        String token = sign(ec, JWSAlgorithm.ES256, validClaims("u").build());
        int middle = token.lastIndexOf('.') + 20;
        char flipped = token.charAt(middle) == 'A' ? 'B' : 'A';

        assertRefused(authenticator, token.substring(0, middle) + flipped + token.substring(middle + 1),
                "token signature does not verify");
    }

    @Test
    void tokenSignedByAnotherKeyUnderAKnownKidIsRefused() {
        RSAKey impostor = TestTokens.rsaKey(rsa.getKeyID());

        assertRefused(authenticator, sign(impostor, JWSAlgorithm.RS256, validClaims("u").build()),
                "token signature does not verify");
    }

    @Test
    void unsignedTokenWithAlgNoneIsRefused() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64Url(validClaims("u").claim("groups", List.of("admins")).build().toString());

        assertRefused(authenticator, header + "." + payload + ".", "token algorithm none is not allowed");
        assertRefused(authenticator, header + "." + payload + ".c2lnbmF0dXJl", "token algorithm none is not allowed");
    }

    @Test
    void hs256SignedWithThePublicKeyAsSecretIsRefused() throws Exception {
        // The classic confusion: a verifier that feeds "the key" to HMAC would accept this forgery.
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(rsa.getKeyID()).build(),
                validClaims("u").claim("groups", List.of("admins")).build());
        forged.sign(new MACSigner(rsa.toPublicKey().getEncoded()));

        assertRefused(authenticator, forged.serialize(), "token algorithm HS256 is not allowed");
    }

    @Test
    void algorithmOutsideTheIssuersListIsRefused() throws Exception {
        try (JwtAuthenticator esOnly = new JwtAuthenticator(List.of(spec().withAllowedAlgorithms(Set.of("ES256"))))) {
            assertRefused(esOnly, sign(rsa, JWSAlgorithm.RS256, validClaims("u").build()),
                    "token algorithm RS256 is not allowed");
            assertThat(esOnly.authenticate(sign(ec, JWSAlgorithm.ES256, validClaims("u").build())).subject()).isEqualTo("u");
        }
    }

    @Test
    void unexpectedTokenTypeIsRefused() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID())
                .type(new JOSEObjectType("logout+jwt")).build();

        assertRefused(authenticator, sign(rsa, header, validClaims("u").build()), "token type is not accepted");
    }

    @Test
    void accessTokenTypeIsAccepted() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build();

        assertThat(authenticator.authenticate(sign(rsa, header, validClaims("u").build())).subject()).isEqualTo("u");
    }

    @Test
    void encryptedTokenIsRefused() throws Exception {
        EncryptedJWT encrypted = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
                validClaims("u").build());
        encrypted.encrypt(new RSAEncrypter(rsa.toRSAPublicKey()));

        assertRefused(authenticator, encrypted.serialize(), "encrypted tokens are not accepted");
    }

    @Test
    void somethingThatIsNotATokenIsRefused() {
        assertRefused(authenticator, "correct horse battery staple", "credential is not a token");
        assertRefused(authenticator, "abc.def.ghi", "credential is not a token");
        assertRefused(authenticator, base64Url("{\"alg\":\"RS256\"}") + "." + base64Url("not json at all") + ".c2ln",
                "credential is not a token");
        assertRefused(authenticator, "", "no credential presented");
        assertRefused(authenticator, "x".repeat(JwtAuthenticator.MAX_TOKEN_CHARS + 1), "credential is too long to be a token");
    }

    @Test
    void keysFromALocalFileVerifyTokens(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(ec).toString(false)); // private part present: must be ignored
        try (JwtAuthenticator fromFile = new JwtAuthenticator(List.of(
                IssuerSpec.oidc("file-idp", ISSUER, JwksSource.parse(file.toString()), Set.of(AUDIENCE))))) {
            assertThat(fromFile.authenticate(sign(ec, JWSAlgorithm.ES256, validClaims("u").build())).subject())
                    .isEqualTo("u");
        }
    }

    @Test
    void anEdDsaTokenIsRefusedByName() {
        String token = base64Url("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\"}") + "."
                + base64Url("{\"iss\":\"" + ISSUER + "\",\"sub\":\"u\"}") + ".c2lnbmF0dXJlLWJ5dGVz";

        assertRefused(authenticator, token, "token algorithm EdDSA is not allowed");
    }

    @Test
    void unreachableKeyEndpointIsReportedWithoutDetail() throws Exception {
        JwksTestServer gone = new JwksTestServer(new JWKSet(rsa));
        URI uri = gone.uri();
        gone.close();
        try (JwtAuthenticator unreachable = new JwtAuthenticator(List.of(
                IssuerSpec.oidc("down", ISSUER, new JwksSource.Url(uri), Set.of(AUDIENCE))))) {
            assertRefused(unreachable, sign(rsa, JWSAlgorithm.RS256, validClaims("u").build()),
                    "token issuer keys are unavailable");
        }
    }

    @Test
    void twoIssuersAreEachVerifiedWithTheirOwnKeys(@TempDir Path dataDir) throws Exception {
        LocalIssuer local = LocalIssuer.open(dataDir);
        try (JwtAuthenticator both = new JwtAuthenticator(List.of(spec(), local.issuerSpec()))) {
            assertThat(both.authenticate(local.issue("ci-bot", Set.of("deployers"), Duration.ofMinutes(5))).proof())
                    .isEqualTo(Identity.Proof.LOCAL_TOKEN);
            assertThat(both.authenticate(sign(rsa, JWSAlgorithm.RS256, validClaims("u").build())).proof())
                    .isEqualTo(Identity.Proof.OIDC_TOKEN);

            // A token claiming the external issuer but signed with the local key must not pass.
            ECKey localKey = (ECKey) JWKSet.load(dataDir.resolve(LocalIssuer.KEY_FILE_NAME).toFile()).getKeys().getFirst();
            assertRefused(both, sign(localKey, JWSAlgorithm.ES256, validClaims("u").build()), "token signing key is not known");
        }
    }

    @Test
    void issuersMayNotShareANameOrAnIssValue() {
        assertThatThrownBy(() -> new JwtAuthenticator(List.of(spec(), spec())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two issuers are named clinic-idp");
        IssuerSpec sameIss = new IssuerSpec("other", ISSUER, new JwksSource.Url(jwks.uri()), Set.of(AUDIENCE),
                null, null, null, null, null, null);
        assertThatThrownBy(() -> new JwtAuthenticator(List.of(spec(), sameIss)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("issuers clinic-idp and other both claim iss " + ISSUER);
    }
}
