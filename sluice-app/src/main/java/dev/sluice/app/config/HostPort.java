package dev.sluice.app.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;

/**
 * A listen address as written in the configuration: {@code 127.0.0.1:6432}, {@code localhost:9090},
 * {@code [::1]:6432}, {@code 0.0.0.0:6432}.
 *
 * @param host host name or address, without IPv6 brackets
 * @param port TCP port; 0 asks the operating system for a free one (tests)
 */
public record HostPort(String host, int port) {

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::");

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Binds every interface. */
    public boolean isWildcard() {
        return WILDCARDS.contains(host);
    }

    /** Whether binding both would collide: same port, and same host or one of them binds every interface. */
    public boolean overlaps(HostPort other) {
        return port != 0 && port == other.port
                && (host.equalsIgnoreCase(other.host) || isWildcard() || other.isWildcard());
    }

    /** Resolves the host (for binding). */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Parses {@code host:port}; {@code minPort} is 0 where a free port may be picked, else 1. */
    static ValueParser<HostPort> parser(int minPort) {
        return Values.string().then(text -> parse(text.strip(), minPort));
    }

    private static HostPort parse(String text, int minPort) throws InvalidValue {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new InvalidValue("'" + text + "' is not host:port (IPv6: [::1]:6432)");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new InvalidValue("'" + text + "' is not host:port (e.g. 127.0.0.1:6432)");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                throw new InvalidValue("'" + text + "': write IPv6 addresses in brackets, e.g. [::1]:6432");
            }
        }
        if (host.isEmpty()) {
            throw new InvalidValue("'" + text + "' has no host (use 0.0.0.0:" + port + " for every interface)");
        }
        if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw new InvalidValue("'" + host + "' is not a host name or address");
        }
        if (!port.matches("[0-9]{1,5}")) {
            throw new InvalidValue("'" + text + "' has no valid port number");
        }
        int number = Integer.parseInt(port);
        if (number < minPort || number > 65535) {
            throw new InvalidValue("port must be between " + minPort + " and 65535");
        }
        return new HostPort(host, number);
    }
}
