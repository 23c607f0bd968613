package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.frontend.StartupMessage;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the client's startup parameters reach the upstream, and which the gateway refuses.
 *
 * <p>{@code user} and {@code database} are the client's words to the gateway (the token says who it is, the database
 * names the connection); the upstream gets the vaulted user and the target's database. Everything else
 * (application_name, client_encoding, DateStyle, TimeZone, extra_float_digits, options, search_path…) is passed on,
 * except replication, which the gateway does not relay.
 */
final class StartupParameters {

    /**
     * Client encodings whose multibyte characters can end in a backslash or other ASCII byte. PostgreSQL refuses them
     * as server encodings for that reason; the gateway must refuse them too, because it reads SQL as UTF-8 and a
     * statement that means one thing to its analyser and another to the server could slip past a policy.
     * Names are normalised as PostgreSQL does (lower case, letters and digits only), aliases included.
     */
    private static final Set<String> UNSAFE_ENCODINGS = Set.of("sjis", "shiftjis", "mskanji", "win932", "cp932",
            "shiftjis2004", "big5", "win950", "cp950", "gbk", "win936", "cp936", "gb18030", "uhc", "win949", "cp949",
            "johab");

    private static final Set<String> REPLICATION_OFF = Set.of("false", "off", "no", "0");

    private StartupParameters() {
    }

    /** The parameters to start the upstream session with. */
    static Map<String, String> forUpstream(StartupMessage startup) {
        Map<String, String> forwarded = new LinkedHashMap<>();
        startup.parameters().forEach((name, value) -> {
            if (!name.equals("user") && !name.equals("database") && !name.equals("replication")
                    && !name.startsWith(StartupMessage.PROTOCOL_OPTION_PREFIX)) {
                forwarded.put(name, value);
            }
        });
        return forwarded;
    }

    /** A sentence for the client when the parameters ask for something the gateway does not do. */
    static Optional<String> unsupported(StartupMessage startup) {
        String replication = startup.parameters().get("replication");
        if (replication != null && !REPLICATION_OFF.contains(replication.toLowerCase(Locale.ROOT))) {
            return Optional.of("SLUICE: replication connections are not supported by this gateway");
        }
        String encoding = startup.parameters().get("client_encoding");
        if (encoding != null && unsafeEncoding(encoding)) {
            return Optional.of(unsafeEncodingMessage(encoding));
        }
        return Optional.empty();
    }

    static boolean unsafeEncoding(String name) {
        return UNSAFE_ENCODINGS.contains(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
    }

    static String unsafeEncodingMessage(String encoding) {
        return "SLUICE: client_encoding " + encoding + " is not supported by this gateway (use UTF8)";
    }
}
