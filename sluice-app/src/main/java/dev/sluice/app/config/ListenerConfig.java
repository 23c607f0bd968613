package dev.sluice.app.config;

import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.gateway.ListenerSpec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A port the gateway listens on, as configured.
 *
 * @param name        unique name connections refer to
 * @param protocol    protocol family ({@code postgresql})
 * @param listen      bind address; port 0 picks a free port
 * @param tls         certificate and key to serve TLS to clients with; empty to refuse TLS
 * @param tlsRequired whether clients that do not negotiate TLS are refused ({@code tls.required}); only with tls
 */
public record ListenerConfig(String name, String protocol, HostPort listen, Optional<ListenerSpec.TlsFiles> tls,
                             boolean tlsRequired) {

    public ListenerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(listen, "listen");
        tls = tls == null ? Optional.empty() : tls;
        if (tlsRequired && tls.isEmpty()) {
            throw new IllegalArgumentException("listener " + name + ": tls.required needs a certificate and key");
        }
    }

    /** The core's listener value, with the connections (from {@code all}) that name this listener. */
    public ListenerSpec toSpec(List<ConnectionSpec> all) {
        List<ConnectionSpec> mine = all.stream().filter(c -> c.listener().equals(name)).toList();
        return new ListenerSpec(name, protocol, listen.host(), listen.port(), tls, tlsRequired, mine);
    }
}
