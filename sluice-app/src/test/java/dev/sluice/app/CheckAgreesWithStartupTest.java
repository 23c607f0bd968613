package dev.sluice.app;

import dev.sluice.app.config.ConfigLoader;
import dev.sluice.core.identity.IssuerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever {@code sluice config check} accepts in an external issuer, the gateway starts with; what would stop the
 * gateway is refused by the check already, with the file, line and key. (Key sources are fetched on first use, so
 * starting needs no identity provider.)
 */
class CheckAgreesWithStartupTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"https://idp.example.test/keys", "http://127.0.0.1:8080/keys", "http://[::1]:8080/keys",
            "jwks.json", "FILE_URI"})
    void aKeyLocationTheCheckAcceptsStarts(String location) throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
        Path config = configWith(location.replace("FILE_URI", jwks.toUri().toString()), "[RS256]");

        assertStarts(config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.example.test/keys", "http://localhost:8080/keys", "ftp://idp.example.test/keys",
            "missing.json"})
    void aKeyLocationTheGatewayWouldRefuseIsAConfigError(String location) throws Exception {
        Path config = configWith(location, "[RS256]");
        CliRun check = CliRun.of("config", "check", config.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).startsWith(config + ":18:17: identity.issuers[0].jwks_uri: ");
    }

    @Test
    void plainHttpToARemoteKeyEndpointIsRefusedWithTheRuntimeRule() throws Exception {
        Path config = configWith("http://idp.example.test/keys", "[RS256]");
        CliRun check = CliRun.of("config", "check", config.toString());

        assertThat(check.err().lines().findFirst()).contains(config + ":18:17: identity.issuers[0].jwks_uri: "
                + "JWKS URL http://idp.example.test/keys uses plain http to a non-loopback host; use https "
                + "(http is allowed only to 127.0.0.1 or [::1])");
    }

    @Test
    void everyAlgorithmTheCheckAcceptsStarts() throws Exception {
        Path config = configWith("https://idp.example.test/keys",
                "[" + String.join(", ", IssuerSpec.SUPPORTED_ALGORITHMS) + "]");

        assertStarts(config);
    }

    @Test
    void theDefaultAlgorithmsStart() throws Exception {
        Path config = GatewayConfigFile.write(dir, """
                identity:
                  issuers:
                    - name: lab
                      issuer: https://idp.example.test
                      jwks_uri: https://idp.example.test/keys
                      audience: sluice
                """);

        assertStarts(config);
    }

    @Test
    void anIssuerThatWouldCollideWithTheLocalIssuerIsAConfigError() throws Exception {
        Path config = GatewayConfigFile.write(dir, """
                identity:
                  local_issuer:
                    issuer: https://idp.example.test
                  issuers:
                    - name: local
                      issuer: https://idp.example.test
                      jwks_uri: https://idp.example.test/keys
                      audience: " "
                """);

        CliRun check = CliRun.of("config", "check", config.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err().lines().limit(3)).containsExactly(
                config + ":18:13: identity.issuers[0].name: 'local' is the name of the gateway's own issuer; "
                        + "choose another",
                config + ":19:15: identity.issuers[0].issuer: 'https://idp.example.test' is also "
                        + "identity.local_issuer.issuer; two issuers cannot share one iss",
                config + ":21:17: identity.issuers[0].audience: ' ' is not allowed here: must not be blank");
    }

    private void assertStarts(Path config) throws Exception {
        CliRun check = CliRun.of("config", "check", config.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        try (Gateway gateway = Gateway.start(ConfigLoader.load(config, Map.of()), ProtocolRegistry.standard())) {
            assertThat(gateway.port("pg")).isPositive();
        }
    }

    /** {@code jwks_uri} is on line 18 of the result, in column 17. */
    private Path configWith(String jwksUri, String algorithms) throws IOException {
        return GatewayConfigFile.write(dir, """
                identity:
                  issuers:
                    - name: lab
                      issuer: https://idp.example.test
                      jwks_uri: %s
                      audience: sluice
                      algorithms: %s
                """.formatted(jwksUri, algorithms));
    }
}
