package dev.sluice.app.config;

import java.util.List;
import java.util.Objects;

/**
 * How callers prove who they are.
 *
 * @param localIssuer    the gateway's own token issuer
 * @param issuers        external OIDC issuers, in configuration order
 * @param apiKeysEnabled whether API keys (for agents and services) are accepted
 */
public record IdentityConfig(LocalIssuerConfig localIssuer, List<ExternalIssuerConfig> issuers,
                             boolean apiKeysEnabled) {

    public IdentityConfig {
        Objects.requireNonNull(localIssuer, "localIssuer");
        issuers = List.copyOf(issuers);
    }
}
