package dev.sluice.core.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where an issuer's public signing keys (its JWK set) come from.
 *
 * <p>Keys fetched over the network decide who may touch regulated data, so they travel over TLS; plain
 * {@code http} is accepted only to a loopback address (a sidecar, a test server), where nothing crosses a wire.
 */
public sealed interface JwksSource {

    /** A JWKS endpoint, fetched on first use, cached, and re-fetched when a token names an unknown {@code kid}. */
    record Url(URI uri) implements JwksSource {
        public Url {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("JWKS URL must name a host: " + uri);
            }
            switch (scheme) {
                case "https" -> { }
                case "http" -> {
                    if (!isLoopbackLiteral(uri.getHost())) {
                        throw new IllegalArgumentException("JWKS URL " + uri
                                + " uses plain http to a non-loopback host; use https (http is allowed only to 127.0.0.1 or [::1])");
                    }
                }
                default -> throw new IllegalArgumentException("JWKS URL must use https: " + uri);
            }
        }
    }

    /** A JWK set JSON file on local disk, re-read on the same schedule as a URL would be re-fetched. */
    record File(Path path) implements JwksSource {
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /** Keys known in-process (the {@link LocalIssuer}); only their public parts are kept. */
    record Fixed(JWKSet keys) implements JwksSource {
        public Fixed {
            Objects.requireNonNull(keys, "keys");
            keys = keys.toPublicJWKSet();
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a fixed JWK set must hold at least one public key");
            }
        }

        @Override
        public String toString() {
            return "Fixed[kids=" + keys.getKeys().stream().map(JWK::getKeyID).collect(Collectors.toList()) + "]";
        }
    }

    /**
     * Reads a configured location: {@code https://…} (or {@code http://127.0.0.1…}) is a {@link Url}, anything
     * without a scheme is a {@link File} path.
     *
     * @throws IllegalArgumentException for another scheme or plain http to a non-loopback host
     */
    static JwksSource parse(String location) {
        Objects.requireNonNull(location, "location");
        String trimmed = location.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("JWKS location must not be empty");
        }
        if (trimmed.contains("://")) {
            return new Url(URI.create(trimmed));
        }
        return new File(Path.of(trimmed));
    }

    /** Only IP literals count: a name such as {@code localhost} is resolved elsewhere and could point anywhere. */
    private static boolean isLoopbackLiteral(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress(); // a literal: no DNS lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
