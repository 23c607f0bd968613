package dev.sluice.app.config;

import dev.sluice.core.identity.JwksSource;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An external OIDC issuer whose tokens the gateway accepts. Plain values, except the key location: that is
 * already the identity package's {@link JwksSource}, built by the same code the gateway uses, so a location the
 * configuration accepts is one the gateway can start with.
 *
 * @param name          short name for logs and the admin API
 * @param issuer        the exact {@code iss} claim
 * @param jwks          where the signing keys are: an {@code https} URL ({@code http} only to a loopback address)
 *                      or a local JWKS file (checked readable at load time)
 * @param audiences     accepted {@code aud} values (a token must carry at least one); never empty
 * @param groupsClaim   claim holding the caller's groups
 * @param usernameClaim claim holding the caller's user name (identity subject)
 * @param algorithms    accepted JWS algorithms, some of
 *                      {@link dev.sluice.core.identity.IssuerSpec#SUPPORTED_ALGORITHMS} (asymmetric only: no HS*,
 *                      never {@code none}); never empty
 * @param clockSkew     tolerance for {@code exp}/{@code nbf}/{@code iat}
 */
public record ExternalIssuerConfig(String name, String issuer, JwksSource jwks, List<String> audiences,
                                   String groupsClaim, String usernameClaim, List<String> algorithms,
                                   Duration clockSkew) {

    public ExternalIssuerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(groupsClaim, "groupsClaim");
        Objects.requireNonNull(usernameClaim, "usernameClaim");
        Objects.requireNonNull(clockSkew, "clockSkew");
        audiences = List.copyOf(audiences);
        algorithms = List.copyOf(algorithms);
        if (audiences.isEmpty() || algorithms.isEmpty()) {
            throw new IllegalArgumentException("audiences and algorithms must not be empty");
        }
    }
}
