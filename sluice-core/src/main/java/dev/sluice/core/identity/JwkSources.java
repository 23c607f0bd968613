package dev.sluice.core.identity;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

import java.net.MalformedURLException;
import java.time.Duration;

/**
 * Builds the Nimbus key source for a {@link JwksSource}.
 *
 * <p>Remote and file sets are cached; a token whose {@code kid} is not in the cached set forces one re-read
 * (that is how a provider's key rotation is picked up), and a rate limit of two reads per interval keeps a
 * stream of tokens with made-up {@code kid}s from turning the gateway into a load generator against the provider.
 */
final class JwkSources {

    static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);
    static final Duration CACHE_REFRESH_TIMEOUT = Duration.ofSeconds(15);
    static final Duration RATE_LIMIT_INTERVAL = Duration.ofSeconds(30);
    /** During a provider outage, keep verifying with the last keys fetched for this long rather than lock everyone out. */
    static final Duration OUTAGE_TOLERANCE = Duration.ofMinutes(30);
    /** Nimbus defaults to 500 ms, too tight for a provider across a WAN. */
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    static final int HTTP_SIZE_LIMIT = 256 * 1024;

    private JwkSources() {
    }

    static JWKSource<SecurityContext> forSource(JwksSource source) {
        return switch (source) {
            case JwksSource.Url url -> cached(JWKSourceBuilder.create(toUrl(url), new DefaultResourceRetriever(
                    (int) HTTP_TIMEOUT.toMillis(), (int) HTTP_TIMEOUT.toMillis(), HTTP_SIZE_LIMIT)));
            case JwksSource.File file -> cached(JWKSourceBuilder.create(new FileJwkSetSource(file.path())));
            case JwksSource.Fixed fixed -> new ImmutableJWKSet<>(fixed.keys());
        };
    }

    private static JWKSource<SecurityContext> cached(JWKSourceBuilder<SecurityContext> builder) {
        return builder
                .cache(CACHE_TIME_TO_LIVE.toMillis(), CACHE_REFRESH_TIMEOUT.toMillis())
                // Refresh-ahead would run a background executor per issuer; a blocking re-read every few minutes is cheaper.
                .refreshAheadCache(false)
                .rateLimited(RATE_LIMIT_INTERVAL.toMillis())
                .outageTolerant(OUTAGE_TOLERANCE.toMillis())
                .build();
    }

    private static java.net.URL toUrl(JwksSource.Url url) {
        try {
            return url.uri().toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("JWKS URL is not usable: " + url.uri(), e);
        }
    }
}
