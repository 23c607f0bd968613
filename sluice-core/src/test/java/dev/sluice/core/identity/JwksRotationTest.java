package dev.sluice.core.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.sluice.core.identity.TestTokens.AUDIENCE;
import static dev.sluice.core.identity.TestTokens.ISSUER;
import static dev.sluice.core.identity.TestTokens.assertRefused;
import static dev.sluice.core.identity.TestTokens.sign;
import static dev.sluice.core.identity.TestTokens.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

/** How often the gateway asks the provider for keys: once, again on an unknown kid, and no more than the rate limit. */
class JwksRotationTest {

    private final RSAKey original = TestTokens.rsaKey("2025-01");
    private JwksTestServer jwks;
    private JwtAuthenticator authenticator;

    @BeforeEach
    void start() throws Exception {
        jwks = new JwksTestServer(new JWKSet(original));
        authenticator = new JwtAuthenticator(List.of(
                IssuerSpec.oidc("clinic-idp", ISSUER, new JwksSource.Url(jwks.uri()), Set.of(AUDIENCE))));
    }

    @AfterEach
    void stop() {
        authenticator.close();
        jwks.close();
    }

    @Test
    void keysAreFetchedOnceAndThenServedFromTheCache() throws Exception {
        assertThat(jwks.requests()).isZero();

        for (int i = 0; i < 5; i++) {
            authenticator.authenticate(sign(original, JWSAlgorithm.RS256, validClaims("u" + i).build()));
        }

        assertThat(jwks.requests()).isEqualTo(1);
    }

    @Test
    void unknownKidTriggersOneRefreshAndSucceedsAfterTheProviderRotated() throws Exception {
        authenticator.authenticate(sign(original, JWSAlgorithm.RS256, validClaims("before").build()));
        assertThat(jwks.requests()).isEqualTo(1);

        RSAKey rotated = TestTokens.rsaKey("2025-02");
        jwks.serve(new JWKSet(rotated));
        Identity after = authenticator.authenticate(sign(rotated, JWSAlgorithm.RS256, validClaims("after").build()));

        assertThat(after.subject()).isEqualTo("after");
        assertThat(jwks.requests()).isEqualTo(2);
        authenticator.authenticate(sign(rotated, JWSAlgorithm.RS256, validClaims("again").build()));
        assertThat(jwks.requests()).isEqualTo(2);
    }

    @Test
    void aFloodOfUnknownKidsIsRateLimited() throws Exception {
        authenticator.authenticate(sign(original, JWSAlgorithm.RS256, validClaims("u").build()));

        for (int i = 0; i < 10; i++) {
            RSAKey madeUp = TestTokens.rsaKey("made-up-" + i);
            assertRefused(authenticator, sign(madeUp, JWSAlgorithm.RS256, validClaims("u").build()),
                    "token signing key is not known");
        }

        // The first fetch plus one refresh fit the rate limit's window; the other nine kids asked nobody.
        assertThat(jwks.requests()).isEqualTo(2);
    }
}
