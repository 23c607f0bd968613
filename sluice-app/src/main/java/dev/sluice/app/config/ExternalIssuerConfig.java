package dev.sluice.app.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An external OIDC issuer whose tokens the gateway accepts. Plain values: the identity package maps them into
 * its own issuer type.
 *
 * @param name          short name for logs and the admin API
 * @param issuer        the exact {@code iss} claim
 * @param jwksUri       where the signing keys are: an {@code https}/{@code http} URL or a {@code file:} URI of a
 *                      local JWKS file (checked readable at load time)
 * @param audiences     accepted {@code aud} values (a token must carry at least one); never empty
 * @param groupsClaim   claim holding the caller's groups
 * @param usernameClaim claim holding the caller's user name (identity subject)
 * @param algorithms    accepted JWS algorithms; asymmetric only (no HS*, never {@code none}); never empty
 * @param clockSkew     tolerance for {@code exp}/{@code nbf}/{@code iat}
 */
public record ExternalIssuerConfig(String name, String issuer, URI jwksUri, List<String> audiences,
                                   String groupsClaim, String usernameClaim, List<String> algorithms,
                                   Duration clockSkew) {

    public ExternalIssuerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUri, "jwksUri");
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
