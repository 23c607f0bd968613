package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Parse ({@code 'P'}): prepare a statement under a name ({@code ""} is the unnamed statement).
 *
 * <p>The text can carry PHI literals, so {@link #toString()} shows only the name and sizes.
 *
 * @param statement      statement name, {@code ""} for the unnamed statement
 * @param sql            the statement text with {@code $n} placeholders
 * @param parameterTypes declared parameter type OIDs (0 = let the server infer); OIDs are unsigned on the wire
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">Extended Query</a>
 */
public record Parse(String statement, String sql, List<Integer> parameterTypes) {

    public static final char TYPE = 'P';

    public Parse {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(sql, "sql");
        parameterTypes = List.copyOf(parameterTypes);
        if (parameterTypes.size() > 0xFFFF) {
            throw new IllegalArgumentException("at most 65535 parameter types");
        }
    }

    public static Parse decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        String statement = reader.cstring();
        String sql = reader.cstring();
        int count = reader.int16() & 0xFFFF;
        if (count * 4L > reader.remaining()) {
            throw PgProtocolException.violation("Parse declares " + count + " parameter types but is too short");
        }
        List<Integer> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(reader.int32());
        }
        reader.expectEnd("Parse");
        return new Parse(statement, sql, types);
    }

    /** Parameter types as the core names them: the OID in unsigned decimal. */
    public List<String> parameterTypeNames() {
        return parameterTypes.stream().map(Integer::toUnsignedString).toList();
    }

    public byte[] encode() {
        WireWriter writer = WireWriter.message(TYPE).cstring(statement).cstring(sql).int16(parameterTypes.size());
        parameterTypes.forEach(writer::int32);
        return writer.toBytes();
    }

    @Override
    public String toString() {
        return "Parse[statement=" + statement + ", " + sql.length() + " chars, " + parameterTypes.size()
                + " parameter types]";
    }
}
