package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Bind ({@code 'B'}): create a portal from a prepared statement and parameter values.
 *
 * <p>Parameter values are row data (PHI), so {@link #toString()} shows only names and counts, and
 * {@link #equals}/{@link #hashCode} are the record defaults over the (identity-compared) value arrays.
 *
 * @param portal            portal name, {@code ""} for the unnamed portal
 * @param statement         the prepared statement's name
 * @param parameterFormats  format codes (0 text, 1 binary): none (all text), one (applies to all) or one each
 * @param parameters        values, {@code null} for SQL NULL
 * @param resultFormats     result column format codes, same convention
 */
public record Bind(String portal, String statement, List<Integer> parameterFormats, List<byte[]> parameters,
                   List<Integer> resultFormats) {

    public static final char TYPE = 'B';

    public Bind {
        Objects.requireNonNull(portal, "portal");
        Objects.requireNonNull(statement, "statement");
        parameterFormats = List.copyOf(parameterFormats);
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        resultFormats = List.copyOf(resultFormats);
    }

    public static Bind decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        String portal = reader.cstring();
        String statement = reader.cstring();
        List<Integer> parameterFormats = formats(reader, "parameter format");
        int count = reader.int16() & 0xFFFF;
        if (count * 4L > reader.remaining()) {
            throw PgProtocolException.violation("Bind declares " + count + " parameters but is too short");
        }
        List<byte[]> parameters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = reader.int32();
            parameters.add(length == -1 ? null : reader.bytes(length));
        }
        List<Integer> resultFormats = formats(reader, "result format");
        reader.expectEnd("Bind");
        return new Bind(portal, statement, parameterFormats, parameters, resultFormats);
    }

    private static List<Integer> formats(BodyReader reader, String what) throws PgProtocolException {
        int count = reader.int16() & 0xFFFF;
        if (count * 2L > reader.remaining()) {
            throw PgProtocolException.violation("Bind declares " + count + " " + what + " codes but is too short");
        }
        List<Integer> formats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            formats.add(reader.int16());
        }
        return formats;
    }

    public byte[] encode() {
        WireWriter writer = WireWriter.message(TYPE).cstring(portal).cstring(statement);
        writer.int16(parameterFormats.size());
        parameterFormats.forEach(writer::int16);
        writer.int16(parameters.size());
        for (byte[] value : parameters) {
            if (value == null) {
                writer.int32(-1);
            } else {
                writer.int32(value.length).bytes(value);
            }
        }
        writer.int16(resultFormats.size());
        resultFormats.forEach(writer::int16);
        return writer.toBytes();
    }

    @Override
    public String toString() {
        return "Bind[portal=" + portal + ", statement=" + statement + ", " + parameters.size() + " parameters]";
    }
}
