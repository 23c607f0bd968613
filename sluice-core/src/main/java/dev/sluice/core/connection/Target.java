package dev.sluice.core.connection;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the real server is.
 *
 * @param host     host name or address
 * @param port     TCP port
 * @param database database (or schema) to open upstream; empty for protocols without one
 * @param tls      how to secure the upstream connection
 * @param caFile   PEM bundle to verify the upstream certificate with ({@link TlsMode#VERIFY_FULL}); empty for the JDK trust store
 */
public record Target(String host, int port, String database, TlsMode tls, Optional<Path> caFile) {

    public Target {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        database = database == null ? "" : database;
        caFile = caFile == null ? Optional.empty() : caFile;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public String address() {
        return host + ":" + port;
    }
}
