package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * FunctionCall ({@code 'F'}): the fastpath interface, calling a function by OID with argument values outside SQL.
 * libpq's large-object functions ({@code lo_open}, {@code loread}, {@code lowrite}…) and pgjdbc's
 * {@code LargeObjectManager} use it.
 *
 * <p>Argument values can be row data (a large object's bytes), so {@link #toString()} shows only the OID and counts.
 *
 * @param functionOid     the function's OID (unsigned on the wire)
 * @param argumentFormats format codes (0 text, 1 binary): none (all text), one (applies to all) or one each
 * @param arguments       argument values, {@code null} for SQL NULL
 * @param resultFormat    the result's format code
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-FUNCTION-CALL">Function
 *     Call</a>
 */
public record FunctionCall(int functionOid, List<Integer> argumentFormats, List<byte[]> arguments,
                           int resultFormat) {

    public static final char TYPE = 'F';

    public FunctionCall {
        argumentFormats = List.copyOf(argumentFormats);
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    public static FunctionCall decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        int oid = reader.int32();
        List<Integer> formats = reader.int16s("FunctionCall", "argument format codes");
        List<byte[]> arguments = reader.values("FunctionCall", "arguments");
        int resultFormat = reader.int16();
        reader.expectEnd("FunctionCall");
        return new FunctionCall(oid, formats, arguments, resultFormat);
    }

    /** The OID as PostgreSQL prints it (OIDs are unsigned 32-bit). */
    public long unsignedOid() {
        return Integer.toUnsignedLong(functionOid);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).int32(functionOid).int16s(argumentFormats).values(arguments)
                .int16(resultFormat).toBytes();
    }

    @Override
    public String toString() {
        return "FunctionCall[oid=" + unsignedOid() + ", " + arguments.size() + " arguments]";
    }
}
