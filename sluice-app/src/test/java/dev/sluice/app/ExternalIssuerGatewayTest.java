package dev.sluice.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.sluice.app.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An external issuer whose keys are a local JWKS file, as {@code sluice-example.yaml} offers: the configuration
 * passes {@code sluice config check}, the gateway starts with it, and pgjdbc logs in with tokens signed by those
 * keys (RS256 and ES256). The connection admits another group, so a verified token ends in SLUICE-ACCESS naming
 * the token's subject, which no upstream is needed for; an unverified one ends in SLUICE-AUTH.
 */
class ExternalIssuerGatewayTest {

    private static final String ISSUER = "https://idp.example.test/realms/lab";
    private static final RSAKey RSA = generate(() -> new RSAKeyGenerator(2048).keyID("rsa-1").generate());
    private static final ECKey EC = generate(() -> new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate());

    @TempDir
    Path dir;

    @Test
    void aJwksFileIssuerPassesTheCheckStartsAndVerifiesItsTokens() throws Exception {
        Files.writeString(dir.resolve("jwks.json"), new JWKSet(List.of(RSA, EC)).toPublicJWKSet().toString());
        Path config = GatewayConfigFile.write(dir, """
                identity:
                  issuers:
                    - name: lab
                      issuer: %s
                      jwks_uri: jwks.json
                      audience: sluice
                      algorithms: [RS256, ES256]
                """.formatted(ISSUER));

        CliRun check = CliRun.of("config", "check", config.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();

        try (Gateway gateway = Gateway.start(ConfigLoader.load(config, Map.of()), ProtocolRegistry.standard())) {
            int port = gateway.port("pg");
            assertRefused(port, token(RSA, JWSAlgorithm.RS256, "rsa-user"), "28000",
                    "SLUICE-ACCESS: rsa-user may not use connection");
            assertRefused(port, token(EC, JWSAlgorithm.ES256, "ec-user"), "28000",
                    "SLUICE-ACCESS: ec-user may not use connection");

            // same kid, another key: not one the file holds
            ECKey stranger = generate(() -> new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate());
            assertRefused(port, token(stranger, JWSAlgorithm.ES256, "mallory"), "28P01", "SLUICE-AUTH");
        }
    }

    private static void assertRefused(int port, String token, String sqlState, String message) {
        Properties props = new Properties();
        props.setProperty("user", "anyone");
        props.setProperty("password", token);
        props.setProperty("sslmode", "disable");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/clinic", props).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(sqlState));
    }

    /** A token for {@link #ISSUER} whose groups the connection does not admit. */
    private static String token(JWK key, JWSAlgorithm algorithm, String subject) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience("sluice").subject(subject)
                .claim("groups", List.of("outsiders"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        JWSSigner signer = key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private interface KeySupplier<K> {
        K get() throws JOSEException;
    }

    private static <K> K generate(KeySupplier<K> generator) {
        try {
            return generator.get();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
