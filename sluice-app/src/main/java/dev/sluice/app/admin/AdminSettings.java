package dev.sluice.app.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the admin server needs to answer its endpoints.
 *
 * @param address  where to listen; port 0 picks a free port (read it back with {@link AdminServer#port()})
 * @param ready    whether the gateway can serve traffic (store reachable, listeners bound); read on every
 *                 {@code /readyz}, so it must be quick. An exception counts as not ready.
 * @param metrics  the registry {@code /metrics} scrapes
 * @param jwksJson the local issuer's public JWK set as JSON, served verbatim at {@code /.well-known/jwks.json};
 *                 empty when no local issuer is configured (the endpoint then answers 404)
 * @param api      what the {@code /api/v1} endpoints work with
 */
public record AdminSettings(InetSocketAddress address, BooleanSupplier ready, PrometheusMeterRegistry metrics,
                            Optional<Supplier<String>> jwksJson, ApiServices api) {

    public AdminSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(metrics, "metrics");
        jwksJson = jwksJson == null ? Optional.empty() : jwksJson;
        Objects.requireNonNull(api, "api");
    }
}
