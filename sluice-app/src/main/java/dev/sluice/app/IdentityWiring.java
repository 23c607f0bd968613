package dev.sluice.app;

import dev.sluice.app.config.ExternalIssuerConfig;
import dev.sluice.app.config.IdentityConfig;
import dev.sluice.app.config.LocalIssuerConfig;
import dev.sluice.core.identity.ApiKeyStore;
import dev.sluice.core.identity.ApiKeys;
import dev.sluice.core.identity.AuthenticationException;
import dev.sluice.core.identity.Authenticator;
import dev.sluice.core.identity.CompositeAuthenticator;
import dev.sluice.core.identity.IssuerSpec;
import dev.sluice.core.identity.JwtAuthenticator;
import dev.sluice.core.identity.LocalIssuer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Builds the gateway's {@link Authenticator} from the identity section: the local issuer (when enabled), every
 * external OIDC issuer, and API keys (when enabled), behind one {@link CompositeAuthenticator}.
 */
final class IdentityWiring implements AutoCloseable {

    private final Optional<LocalIssuer> localIssuer;
    private final JwtAuthenticator tokens;
    private final Authenticator authenticator;

    private IdentityWiring(Optional<LocalIssuer> localIssuer, JwtAuthenticator tokens, Authenticator authenticator) {
        this.localIssuer = localIssuer;
        this.tokens = tokens;
        this.authenticator = authenticator;
    }

    static IdentityWiring build(IdentityConfig config, Path dataDir, ApiKeyStore apiKeyStore) throws IOException {
        Optional<LocalIssuer> local = openLocalIssuer(config.localIssuer(), dataDir);
        List<IssuerSpec> issuers = new ArrayList<>();
        local.ifPresent(issuer -> issuers.add(issuer.issuerSpec()));
        for (ExternalIssuerConfig external : config.issuers()) {
            issuers.add(toSpec(external));
        }
        JwtAuthenticator tokens = new JwtAuthenticator(issuers);
        Authenticator apiKeys = config.apiKeysEnabled()
                ? new ApiKeys(apiKeyStore).authenticator()
                : credential -> {
                    throw new AuthenticationException("API keys are not enabled on this gateway");
                };
        return new IdentityWiring(local, tokens, new CompositeAuthenticator(apiKeys, tokens));
    }

    static Optional<LocalIssuer> openLocalIssuer(LocalIssuerConfig config, Path dataDir) throws IOException {
        if (!config.enabled()) {
            return Optional.empty();
        }
        return Optional.of(LocalIssuer.open(dataDir, config.issuer(), config.audience()));
    }

    private static IssuerSpec toSpec(ExternalIssuerConfig external) {
        IssuerSpec spec = IssuerSpec.oidc(external.name(), external.issuer(), external.jwks(),
                        new LinkedHashSet<>(external.audiences()))
                .withGroupsClaim(external.groupsClaim())
                .withAllowedAlgorithms(new LinkedHashSet<>(external.algorithms()))
                .withClockSkew(external.clockSkew());
        return external.usernameClaim() == null ? spec : spec.withSubjectClaim(external.usernameClaim());
    }

    Authenticator authenticator() {
        return authenticator;
    }

    Optional<LocalIssuer> localIssuer() {
        return localIssuer;
    }

    @Override
    public void close() {
        tokens.close();
    }
}
