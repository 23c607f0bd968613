package dev.sluice.core.gateway;

import dev.sluice.core.connection.ConnectionSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A port the gateway listens on and the connections it serves there.
 *
 * @param name        listener name from the configuration
 * @param protocol    protocol family, e.g. {@code postgresql}
 * @param host        bind address
 * @param port        bind port; 0 picks a free port (tests)
 * @param tls         certificate and key to offer clients TLS with; empty to refuse TLS
 * @param tlsRequired refuse clients that do not negotiate TLS (only with {@code tls}): credentials then never cross
 *                    the network in the clear
 * @param connections the connections clients may select on this listener
 */
public record ListenerSpec(String name, String protocol, String host, int port, Optional<TlsFiles> tls,
                           boolean tlsRequired, List<ConnectionSpec> connections) {

    /** PEM certificate chain and PEM (PKCS#8) private key. */
    public record TlsFiles(Path certificateChain, Path privateKey) {
        public TlsFiles {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    public ListenerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        tls = tls == null ? Optional.empty() : tls;
        if (tlsRequired && tls.isEmpty()) {
            throw new IllegalArgumentException("listener " + name + " cannot require TLS without a certificate and key");
        }
        connections = List.copyOf(connections);
    }

    public Optional<ConnectionSpec> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
