package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Objects;

/** ParameterStatus ({@code 'S'}): the current value of a reported run-time parameter (server_version, TimeZone…). */
public record ParameterStatus(String name, String value) {

    public static final char TYPE = 'S';

    public ParameterStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static ParameterStatus decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        String name = reader.cstring();
        String value = reader.cstring();
        reader.expectEnd("ParameterStatus");
        return new ParameterStatus(name, value);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).cstring(name).cstring(value).toBytes();
    }
}
