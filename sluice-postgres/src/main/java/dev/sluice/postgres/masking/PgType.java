package dev.sluice.postgres.masking;

/**
 * The built-in PostgreSQL types whose values the masking codec can decode to their canonical text and encode back,
 * each with its OID and the OID of its array type. Every other type is opaque to the codec (see {@link PgTypes}).
 */
public enum PgType {
    BOOL(16, 1000, "bool"),
    /** Decoded as nothing: bytea is opaque; listed for its OIDs and name. */
    BYTEA(17, 1001, "bytea"),
    /** The one-byte internal type {@code "char"}, not {@code char(n)} (that is {@link #BPCHAR}). */
    CHAR(18, 1002, "char"),
    NAME(19, 1003, "name"),
    INT8(20, 1016, "int8"),
    INT2(21, 1005, "int2"),
    INT4(23, 1007, "int4"),
    TEXT(25, 1009, "text"),
    JSON(114, 199, "json"),
    FLOAT4(700, 1021, "float4"),
    FLOAT8(701, 1022, "float8"),
    BPCHAR(1042, 1014, "bpchar"),
    VARCHAR(1043, 1015, "varchar"),
    DATE(1082, 1182, "date"),
    TIME(1083, 1183, "time"),
    TIMESTAMP(1114, 1115, "timestamp"),
    TIMESTAMPTZ(1184, 1185, "timestamptz"),
    NUMERIC(1700, 1231, "numeric"),
    UUID(2950, 2951, "uuid"),
    JSONB(3802, 3807, "jsonb");

    private final int oid;
    private final int arrayOid;
    private final String typeName;

    PgType(int oid, int arrayOid, String typeName) {
        this.oid = oid;
        this.arrayOid = arrayOid;
        this.typeName = typeName;
    }

    public int oid() {
        return oid;
    }

    /** The OID of {@code _name}, the array of this type. */
    public int arrayOid() {
        return arrayOid;
    }

    /** The name PostgreSQL gives the type ({@code int4}, {@code timestamptz}…). */
    public String typeName() {
        return typeName;
    }

    /** Character data or JSON: the values the content net reads. */
    public boolean textLike() {
        return switch (this) {
            case CHAR, NAME, TEXT, JSON, BPCHAR, VARCHAR, JSONB -> true;
            default -> false;
        };
    }

    /** Whether every string is a valid value of the type (so a rewrite of it never needs checking). */
    public boolean acceptsAnyText() {
        return this == TEXT || this == VARCHAR || this == BPCHAR || this == NAME;
    }

    /** Whether the codec can decode the type's binary form to text; everything but bytea. */
    public boolean decodable() {
        return this != BYTEA;
    }
}
