package dev.sluice.core.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IssuerSpecTest {

    private static final JwksSource JWKS = new JwksSource.Url(URI.create("https://idp.example.test/certs"));

    @Test
    void defaultsAreFilledIn() {
        IssuerSpec spec = IssuerSpec.oidc("idp", "https://idp.example.test", JWKS, Set.of("sluice"));

        assertThat(spec.groupsClaim()).isEqualTo("groups");
        assertThat(spec.subjectClaim()).isEqualTo("sub");
        assertThat(spec.displayNameClaim()).isEqualTo("name");
        assertThat(spec.allowedAlgorithms()).containsExactlyInAnyOrder("RS256", "ES256", "PS256");
        assertThat(spec.clockSkew()).isEqualTo(Duration.ofSeconds(60));
        assertThat(spec.proof()).isEqualTo(Identity.Proof.OIDC_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512", "none", "NONE"})
    void symmetricAndUnsignedAlgorithmsCanNeverBeConfigured(String algorithm) {
        IssuerSpec spec = IssuerSpec.oidc("idp", "https://idp.example.test", JWKS, Set.of("sluice"));

        assertThatThrownBy(() -> spec.withAllowedAlgorithms(Set.of("RS256", algorithm)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("algorithm " + algorithm + " is never accepted: only asymmetric signatures prove who issued a token");
    }

    @Test
    void unknownAlgorithmIsRejected() {
        IssuerSpec spec = IssuerSpec.oidc("idp", "https://idp.example.test", JWKS, Set.of("sluice"));

        assertThatThrownBy(() -> spec.withAllowedAlgorithms(Set.of("XY999")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("algorithm XY999 is not supported; use one of "
                        + "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EdDSA", "Ed25519"})
    void edwardsCurveAlgorithmsAreRefusedAsUnsupported(String algorithm) {
        IssuerSpec spec = IssuerSpec.oidc("idp", "https://idp.example.test", JWKS, Set.of("sluice"));

        assertThatThrownBy(() -> spec.withAllowedAlgorithms(Set.of(algorithm)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("algorithm " + algorithm + " is not supported by this build; use one of "
                        + "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512");
    }

    @Test
    void theDefaultsAreAmongTheSupportedAlgorithms() {
        assertThat(IssuerSpec.DEFAULT_ALGORITHMS).containsExactly("RS256", "ES256", "PS256");
        assertThat(IssuerSpec.SUPPORTED_ALGORITHMS).containsAll(IssuerSpec.DEFAULT_ALGORITHMS);
    }

    @Test
    void anAudienceIsRequired() {
        assertThatThrownBy(() -> IssuerSpec.oidc("idp", "https://idp.example.test", JWKS, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one non-blank audience is required");
    }

    @Test
    void clockSkewIsBounded() {
        IssuerSpec spec = IssuerSpec.oidc("idp", "https://idp.example.test", JWKS, Set.of("sluice"));

        assertThatThrownBy(() -> spec.withClockSkew(Duration.ofMinutes(6))).hasMessageContaining("clock skew must be between 0 and 300 s");
        assertThatThrownBy(() -> spec.withClockSkew(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenIssuerCannotClaimTheApiKeyProof() {
        IssuerSpec spec = IssuerSpec.oidc("idp", "https://idp.example.test", JWKS, Set.of("sluice"));

        assertThatThrownBy(() -> spec.withProof(Identity.Proof.API_KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jwksLocationsAreParsed() {
        assertThat(JwksSource.parse("https://idp.example.test/certs"))
                .isEqualTo(new JwksSource.Url(URI.create("https://idp.example.test/certs")));
        assertThat(JwksSource.parse("http://127.0.0.1:8080/jwks.json")).isInstanceOf(JwksSource.Url.class);
        assertThat(JwksSource.parse("http://[::1]:8080/jwks.json")).isInstanceOf(JwksSource.Url.class);
        assertThat(JwksSource.parse("/etc/sluice/jwks.json")).isEqualTo(new JwksSource.File(Path.of("/etc/sluice/jwks.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.example.test/certs", "http://localhost/jwks.json", "http://10.0.0.5/jwks",
            "ftp://idp.example.test/jwks", "file:///etc/jwks.json"})
    void insecureJwksLocationsAreRefused(String location) {
        assertThatThrownBy(() -> JwksSource.parse(location)).isInstanceOf(IllegalArgumentException.class);
    }
}
