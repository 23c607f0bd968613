package dev.sluice.core.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys, tokens and the refusal assertion shared by the identity tests. */
final class TestTokens {

    static final String ISSUER = "https://idp.example.test/realms/clinic";
    static final String AUDIENCE = "sluice";

    private TestTokens() {
    }

    static RSAKey rsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of a token that is valid right now for {@link #ISSUER} and {@link #AUDIENCE}. */
    static JWTClaimsSet.Builder validClaims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    static String sign(JWK key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        return sign(key, new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
    }

    static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Url(String json) {
        return Base64URL.encode(json).toString();
    }

    /**
     * Asserts the credential is refused with exactly {@code reason}, and that neither that message nor any cause's
     * message quotes the credential or one of its dot-separated parts.
     */
    static void assertRefused(Authenticator authenticator, String credential, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(credential))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage(reason)
                .satisfies(e -> assertNoCredentialText(e, credential));
    }

    static void assertNoCredentialText(Throwable thrown, String credential) {
        List<String> fragments = credential == null ? List.of()
                : Arrays.stream(credential.split("[._]")).filter(p -> p.length() >= 8).toList();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (credential != null && !credential.isEmpty()) {
                assertThat(message).doesNotContain(credential);
            }
            for (String fragment : fragments) {
                assertThat(message).doesNotContain(fragment);
            }
        }
    }
}
