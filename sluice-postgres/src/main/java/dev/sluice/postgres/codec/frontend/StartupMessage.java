package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * StartupMessage: protocol version and the session parameters ({@code user}, {@code database}, {@code options},
 * {@code application_name}, GUCs, and {@code _pq_.*} protocol options), in the order the client sent them.
 *
 * <p>The requested version is kept as sent. A client asking for 3.2 (or any 3.x above 3.0) expects the server to
 * answer with {@code NegotiateProtocolVersion} naming the newest minor it supports (0) and any {@code _pq_.} options
 * it did not recognise ({@link #protocolOptions()}); see {@link #minorVersion()}.
 *
 * @param protocolVersion major in the high 16 bits, minor in the low 16 ({@code 196608} is 3.0)
 * @param parameters      name → value, iteration order as on the wire; must contain {@code user}
 */
public record StartupMessage(int protocolVersion, Map<String, String> parameters) implements StartupPhaseMessage {

    public static final int MAJOR_VERSION = 3;
    /** Protocol 3.0, the version the gateway speaks on both sides. */
    public static final int PROTOCOL_3_0 = MAJOR_VERSION << 16;
    /** Prefix of protocol extension options, which are not session parameters. */
    public static final String PROTOCOL_OPTION_PREFIX = "_pq_.";

    public StartupMessage {
        Objects.requireNonNull(parameters, "parameters");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "parameter name"),
                Objects.requireNonNull(value, "value of " + name)));
        if (copy.getOrDefault("user", "").isEmpty()) {
            throw new IllegalArgumentException("StartupMessage needs a user parameter");
        }
        parameters = Collections.unmodifiableMap(copy);
    }

    /** A 3.0 StartupMessage. */
    public static StartupMessage of(Map<String, String> parameters) {
        return new StartupMessage(PROTOCOL_3_0, parameters);
    }

    static StartupMessage decodeAfterVersion(int protocolVersion, BodyReader reader) throws PgProtocolException {
        LinkedHashMap<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            String name = reader.cstring();
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, reader.cstring());
        }
        reader.expectEnd("StartupMessage");
        if (parameters.getOrDefault("user", "").isEmpty()) {
            throw PgProtocolException.violation("no PostgreSQL user name specified in startup packet");
        }
        return new StartupMessage(protocolVersion, parameters);
    }

    public int majorVersion() {
        return protocolVersion >>> 16;
    }

    /** The requested minor version; above 0, the session answers with NegotiateProtocolVersion. */
    public int minorVersion() {
        return protocolVersion & 0xFFFF;
    }

    public String user() {
        return parameters.get("user");
    }

    /** The {@code database} parameter, defaulting to the user name as PostgreSQL does. */
    public String database() {
        String database = parameters.get("database");
        return database == null || database.isEmpty() ? user() : database;
    }

    /** Names of the {@code _pq_.} protocol options the client asked for, in wire order. */
    public List<String> protocolOptions() {
        List<String> options = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (name.startsWith(PROTOCOL_OPTION_PREFIX)) {
                options.add(name);
            }
        }
        return List.copyOf(options);
    }

    @Override
    public byte[] encode() {
        WireWriter writer = WireWriter.untyped().int32(protocolVersion);
        parameters.forEach((name, value) -> writer.cstring(name).cstring(value));
        return writer.int8(0).toBytes();
    }
}
