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
        List<Integer> parameterFormats = reader.int16s("Bind", "parameter format codes");
        List<byte[]> parameters = reader.values("Bind", "parameters");
        List<Integer> resultFormats = reader.int16s("Bind", "result format codes");
        reader.expectEnd("Bind");
        return new Bind(portal, statement, parameterFormats, parameters, resultFormats);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).cstring(portal).cstring(statement).int16s(parameterFormats).values(parameters)
                .int16s(resultFormats).toBytes();
    }

    @Override
    public String toString() {
        return "Bind[portal=" + portal + ", statement=" + statement + ", " + parameters.size() + " parameters]";
    }
}
