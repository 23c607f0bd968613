package dev.sluice.core.identity;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static dev.sluice.core.identity.TestTokens.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalIssuerTest {

    @TempDir
    Path dataDir;

    @Test
    void issuedTokenVerifiesThroughItsOwnIssuerSpec() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(dataDir);
        try (JwtAuthenticator authenticator = new JwtAuthenticator(List.of(issuer.issuerSpec()))) {
            Identity identity = authenticator.authenticate(issuer.issue("alice", Set.of("dba", "oncall"), Duration.ofMinutes(15)));

            assertThat(identity).isEqualTo(new Identity("alice", "alice", Set.of("dba", "oncall"),
                    Identity.Proof.LOCAL_TOKEN, "sluice-local"));
        }
    }

    @Test
    void tokenCarriesIssuerAudienceSubjectGroupsAndTimes() throws Exception {
        Instant now = Instant.parse("2030-01-02T03:04:05Z");
        LocalIssuer issuer = LocalIssuer.open(dataDir, "https://gw.clinic.test", "clinic-gw", Clock.fixed(now, ZoneOffset.UTC));

        SignedJWT jwt = SignedJWT.parse(issuer.issue("bob", Set.of("readers"), Duration.ofHours(1)));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.keyId());
        assertThat(claims.getIssuer()).isEqualTo("https://gw.clinic.test");
        assertThat(claims.getAudience()).containsExactly("clinic-gw");
        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getStringListClaim("groups")).containsExactly("readers");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(now);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(now.plus(Duration.ofHours(1)));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void keyIsPersistedAndReloadedWithTheSameKid() throws Exception {
        LocalIssuer first = LocalIssuer.open(dataDir);
        String token = first.issue("alice", Set.of(), Duration.ofMinutes(5));

        LocalIssuer second = LocalIssuer.open(dataDir);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicJwksJson()).isEqualTo(first.publicJwksJson());
        try (JwtAuthenticator authenticator = new JwtAuthenticator(List.of(second.issuerSpec()))) {
            assertThat(authenticator.authenticate(token).subject()).isEqualTo("alice");
        }
    }

    @Test
    void keyFileIsReadableByItsOwnerOnly() throws Exception {
        LocalIssuer.open(dataDir);

        Path keyFile = dataDir.resolve(LocalIssuer.KEY_FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        try (var leftovers = Files.list(dataDir)) {
            assertThat(leftovers).containsExactly(keyFile);
        }
    }

    @Test
    void kidIsTheKeysThumbprint() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(dataDir);

        ECKey published = (ECKey) JWKSet.parse(issuer.publicJwksJson()).getKeys().getFirst();

        assertThat(issuer.keyId()).isEqualTo(published.computeThumbprint().toString());
    }

    @Test
    void publishedKeySetHasNoPrivatePart() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(dataDir);

        JWKSet published = JWKSet.parse(issuer.publicJwksJson());

        assertThat(published.containsNonPublicKeys()).isFalse();
        assertThat(issuer.publicJwksJson()).doesNotContain("\"d\"");
        JWK key = published.getKeys().getFirst();
        assertThat(key.getKeyID()).isEqualTo(issuer.keyId());
        assertThat(key.getAlgorithm().getName()).isEqualTo("ES256");
    }

    @Test
    void expiredLocalTokenIsRefused() throws Exception {
        LocalIssuer yesterday = LocalIssuer.open(dataDir, LocalIssuer.DEFAULT_ISSUER, LocalIssuer.DEFAULT_AUDIENCE,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(-1)));
        try (JwtAuthenticator authenticator = new JwtAuthenticator(List.of(yesterday.issuerSpec()))) {
            assertRefused(authenticator, yesterday.issue("alice", Set.of(), Duration.ofHours(1)), "token expired");
        }
    }

    @Test
    void tokenOfAnotherInstallationIsRefused(@TempDir Path otherDataDir) throws Exception {
        LocalIssuer ours = LocalIssuer.open(dataDir);
        LocalIssuer theirs = LocalIssuer.open(otherDataDir);
        try (JwtAuthenticator authenticator = new JwtAuthenticator(List.of(ours.issuerSpec()))) {
            assertRefused(authenticator, theirs.issue("mallory", Set.of("admins"), Duration.ofMinutes(5)),
                    "token signing key is not known");
        }
    }

    @Test
    void unusableKeyFileStopsStartupWithoutQuotingIt() throws Exception {
        Path keyFile = dataDir.resolve(LocalIssuer.KEY_FILE_NAME);
        Files.writeString(keyFile, "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw\"}]}");

        assertThatThrownBy(() -> LocalIssuer.open(dataDir))
                .hasMessage("local issuer key file " + keyFile + " is not usable: the key is not an EC P-256 key");

        Files.writeString(keyFile, "not json c2VjcmV0");
        assertThatThrownBy(() -> LocalIssuer.open(dataDir))
                .hasMessage("local issuer key file " + keyFile + " is not usable: it is not a JWK set");
    }

    @Test
    void lifetimeMustBePositive() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(dataDir);

        assertThatThrownBy(() -> issuer.issue("alice", Set.of(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
