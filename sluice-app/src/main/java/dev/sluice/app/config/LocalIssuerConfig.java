package dev.sluice.app.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The gateway's own token issuer ({@code sluice token}), for setups without an identity provider.
 *
 * @param enabled  whether tokens it signs are accepted
 * @param issuer   the {@code iss} claim it writes and checks
 * @param audience the {@code aud} claim it writes and checks
 * @param maxTtl   longest lifetime a token may be issued for
 */
public record LocalIssuerConfig(boolean enabled, String issuer, String audience, Duration maxTtl) {

    public static final LocalIssuerConfig DEFAULTS =
            new LocalIssuerConfig(true, "sluice-local", "sluice", Duration.ofHours(24));

    public LocalIssuerConfig {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(maxTtl, "maxTtl");
        if (maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("maxTtl must be positive");
        }
    }
}
