package dev.sluice.core.connection;

import java.util.Locale;

/** How the gateway secures its own connection to the upstream server. */
public enum TlsMode {
    /** Plain TCP. Only sensible on loopback or a trusted network. */
    DISABLE,
    /** TLS required, certificate not verified (protects against passive sniffing only). */
    REQUIRE,
    /** TLS required, certificate chain verified against the configured CA and host name checked. */
    VERIFY_FULL;

    /** Parses the configuration spelling: {@code disable}, {@code require}, {@code verify-full}. */
    public static TlsMode parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "disable" -> DISABLE;
            case "require" -> REQUIRE;
            case "verify-full" -> VERIFY_FULL;
            default -> throw new IllegalArgumentException(
                    "unknown TLS mode '" + text + "' (expected disable, require or verify-full)");
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
