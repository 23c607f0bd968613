package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.frontend.StartupMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sorts the client's startup parameters by who decides about them.
 *
 * <ul>
 *   <li>{@code user} and {@code database} are the client's words to the gateway (the token says who it is, the
 *       database names the connection); the upstream gets the vaulted user and the target's database. Protocol
 *       options ({@code _pq_.*}) are the codec's; {@code replication} is refused unless off.</li>
 *   <li>The client's environment ({@link #ENVIRONMENT}: how values are encoded and shown, and what the client calls
 *       itself) is passed on as sent: it changes no data and no privilege. Unsafe client encodings are refused.</li>
 *   <li>Every other run-time parameter, whether a startup parameter ({@code search_path}, {@code role},
 *       {@code default_transaction_read_only}…) or a {@code -c name=value} inside {@code options}, is a
 *       {@link StartupSetting} the gate judges as a {@code SET} command before the upstream sees it.</li>
 * </ul>
 * As in PostgreSQL, {@code options} applies first and a named parameter after it wins.
 */
final class StartupParameters {

    /** The client-environment parameters, by their lower-case names (parameter names are case-insensitive). */
    static final Set<String> ENVIRONMENT = Set.of("application_name", "client_encoding", "datestyle", "intervalstyle",
            "timezone", "extra_float_digits", "lc_monetary", "lc_numeric", "lc_time");

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

    /**
     * What the startup parameters ask of the upstream session.
     *
     * @param environment passed on as they are
     * @param settings    to judge, in the order PostgreSQL would apply them
     */
    record Request(Map<String, String> environment, List<StartupSetting> settings) {

        Request {
            environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
            settings = List.copyOf(settings);
        }

        String applicationName() {
            return environment.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("application_name"))
                    .map(Map.Entry::getValue).reduce((first, last) -> last).orElse("");
        }

        /** The upstream's startup parameters once every setting is allowed: environment and settings, later wins. */
        Map<String, String> forUpstream() {
            Map<String, StartupSetting> byKey = new LinkedHashMap<>();
            environment.forEach((name, value) -> put(byKey, new StartupSetting(name, value)));
            settings.forEach(setting -> put(byKey, setting));
            Map<String, String> parameters = new LinkedHashMap<>();
            byKey.values().forEach(setting -> parameters.put(setting.name(), setting.value()));
            return parameters;
        }

        private static void put(Map<String, StartupSetting> byKey, StartupSetting setting) {
            byKey.remove(setting.key()); // a later spelling replaces an earlier one, and takes its place in order
            byKey.put(setting.key(), setting);
        }
    }

    private StartupParameters() {
    }

    /** @throws SessionRefusal for what the gateway does not do, before any setting reaches the gate */
    static Request read(StartupMessage startup) throws SessionRefusal {
        String replication = startup.parameters().get("replication");
        if (replication != null && !REPLICATION_OFF.contains(replication.toLowerCase(Locale.ROOT))) {
            String message = "SLUICE: replication connections are not supported by this gateway";
            throw new SessionRefusal("0A000", message, "unsupported", message);
        }
        List<StartupSetting> requested = new ArrayList<>(
                StartupOptions.settings(startup.parameters().getOrDefault("options", "")));
        startup.parameters().forEach((name, value) -> {
            if (!isGatewayParameter(name)) {
                requested.add(new StartupSetting(name, value));
            }
        });
        Map<String, String> environment = new LinkedHashMap<>();
        List<StartupSetting> settings = new ArrayList<>();
        for (StartupSetting setting : requested) {
            if (ENVIRONMENT.contains(setting.key())) {
                if (setting.key().equals("client_encoding") && unsafeEncoding(setting.value())) {
                    String message = unsafeEncodingMessage(setting.value());
                    throw new SessionRefusal("0A000", message, "unsupported", message);
                }
                environment.put(setting.name(), setting.value());
            } else if (setting.hasValidName()) {
                settings.add(setting);
            } else {
                throw new SessionRefusal("42602", "SLUICE: a startup parameter has an invalid name",
                        "bad-parameter", "invalid parameter name");
            }
        }
        return new Request(environment, settings);
    }

    private static boolean isGatewayParameter(String name) {
        return name.equals("user") || name.equals("database") || name.equals("replication")
                || name.equals("options") || name.startsWith(StartupMessage.PROTOCOL_OPTION_PREFIX);
    }

    static boolean unsafeEncoding(String name) {
        return UNSAFE_ENCODINGS.contains(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
    }

    static String unsafeEncodingMessage(String encoding) {
        return "SLUICE: client_encoding " + encoding + " is not supported by this gateway (use UTF8)";
    }
}
