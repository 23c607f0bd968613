package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.PgProtocolException;

import java.util.ArrayList;
import java.util.List;

/**
 * CopyOutResponse ({@code 'H'}): Int8 overall format (0 textual, 1 binary), Int16 column count, an Int16 format
 * code per column (all 0 when textual).
 */
public record CopyOutResponse(boolean binary, List<Integer> columnFormats) {

    public static final char TYPE = 'H';

    public CopyOutResponse {
        columnFormats = List.copyOf(columnFormats);
    }

    public static CopyOutResponse decode(PgFrame frame) throws PgProtocolException {
        if (frame.typeChar() != TYPE) {
            throw PgProtocolException.violation("not a CopyOutResponse: " + frame);
        }
        byte[] body = frame.body();
        if (body.length < 3) {
            throw PgProtocolException.violation("CopyOutResponse truncated");
        }
        int overall = body[0] & 0xFF;
        int count = Bytes.uint16(body, 1);
        if (overall > 1 || body.length != 3 + 2 * count) {
            throw PgProtocolException.violation("malformed CopyOutResponse");
        }
        List<Integer> formats = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int format = Bytes.int16(body, 3 + 2 * i);
            if (format != Column.TEXT && format != Column.BINARY) {
                throw PgProtocolException.violation("CopyOutResponse has format code " + format);
            }
            formats.add(format);
        }
        return new CopyOutResponse(overall == 1, formats);
    }

    /**
     * The copied columns: the given types (from the caller, who may know the COPY's query), or
     * {@link PgTypes#UNKNOWN_OID} where it does not.
     */
    public List<Column> columns(List<Integer> typeOids) {
        List<Column> columns = new ArrayList<>(columnFormats.size());
        for (int i = 0; i < columnFormats.size(); i++) {
            int oid = typeOids != null && i < typeOids.size() && typeOids.get(i) != null ? typeOids.get(i)
                    : PgTypes.UNKNOWN_OID;
            columns.add(new Column(oid, binary ? Column.BINARY : columnFormats.get(i)));
        }
        return columns;
    }
}
