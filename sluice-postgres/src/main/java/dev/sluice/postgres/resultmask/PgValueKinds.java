package dev.sluice.postgres.resultmask;

import dev.sluice.core.masking.ValueKind;
import dev.sluice.postgres.masking.PgType;
import dev.sluice.postgres.masking.PgTypes;

/** The kind of a PostgreSQL column's values, as {@link ValueKind} maps types; an array has its element's kind. */
final class PgValueKinds {


    private PgValueKinds() {
    }

    static ValueKind of(int typeOid) {
        PgType type = PgTypes.scalar(typeOid);
        if (type == null) {
            type = PgTypes.arrayElement(typeOid);
        }
        if (type == null) {
            return ValueKind.OTHER; // extension and user types (citext, enums, domains): only NULL surely fits
        }
        return switch (type) {
            case TEXT, VARCHAR, BPCHAR, CHAR, NAME -> ValueKind.TEXT;
            case JSON, JSONB -> ValueKind.JSON;
            case DATE -> ValueKind.DATE;
            case TIMESTAMP, TIMESTAMPTZ -> ValueKind.TIMESTAMP;
            case INT2, INT4, INT8 -> ValueKind.INTEGER;
            case NUMERIC, FLOAT4, FLOAT8 -> ValueKind.NUMERIC;
            case BOOL, BYTEA, TIME, UUID -> ValueKind.OTHER;
        };
    }
}
