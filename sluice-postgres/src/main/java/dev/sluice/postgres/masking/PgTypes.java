package dev.sluice.postgres.masking;

/**
 * What the masking codec knows about a type OID from a RowDescription, CopyOutResponse or array header.
 *
 * <ul>
 *   <li>{@link PgType}s (and arrays of them) are decodable: their binary values can be turned into canonical text and
 *       back (bytea excepted).</li>
 *   <li>A few more built-in types are known to carry no free text (bytea, oid, timetz, interval, point, box and their
 *       arrays): the content net has nothing to read in them, so it leaves them alone.</li>
 *   <li>Every other OID is <em>opaque</em>: a domain, enum, composite or extension type whose binary form the codec
 *       cannot read. Its text-format values are still text (the net reads them); its binary values cannot be read,
 *       so a rewrite or a net makes them NULL (fail closed).</li>
 * </ul>
 */
public final class PgTypes {

    /** What RowDescription never says, used here for "type not known" (COPY does not describe its columns). */
    public static final int UNKNOWN_OID = 0;

    private static final int MAX_BUILTIN_OID = 4096;
    private static final PgType[] SCALARS = new PgType[MAX_BUILTIN_OID];
    private static final PgType[] ARRAY_ELEMENTS = new PgType[MAX_BUILTIN_OID];
    private static final boolean[] NO_TEXT = new boolean[MAX_BUILTIN_OID];

    static {
        for (PgType type : PgType.values()) {
            SCALARS[type.oid()] = type;
            ARRAY_ELEMENTS[type.arrayOid()] = type;
        }
        // bytea and _bytea; oid, timetz, interval, point, box and their arrays: no characters to scan
        for (int oid : new int[] {17, 1001, 26, 1028, 1266, 1270, 1186, 1187, 600, 1017, 603, 1020}) {
            NO_TEXT[oid] = true;
        }
    }

    private PgTypes() {
    }

    /** The decodable scalar type with this OID, or {@code null}. */
    public static PgType scalar(int oid) {
        return oid >= 0 && oid < MAX_BUILTIN_OID ? SCALARS[oid] : null;
    }

    /** The element type when {@code oid} is the array of a {@link PgType}, else {@code null}. */
    public static PgType arrayElement(int oid) {
        return oid >= 0 && oid < MAX_BUILTIN_OID ? ARRAY_ELEMENTS[oid] : null;
    }

    /** Whether the codec can turn this type's binary values into text (decodable scalars and arrays of them). */
    public static boolean decodable(int oid) {
        PgType scalar = scalar(oid);
        if (scalar != null) {
            return scalar.decodable();
        }
        PgType element = arrayElement(oid);
        return element != null && element.decodable();
    }

    /** Text-like scalars and arrays of them: what the content net reads in either format. */
    public static boolean textLike(int oid) {
        PgType scalar = scalar(oid);
        if (scalar != null) {
            return scalar.textLike();
        }
        PgType element = arrayElement(oid);
        return element != null && element.textLike();
    }

    /**
     * A type the codec knows and whose values hold no free text for the net to read: numbers, booleans, dates and
     * times, uuid, bytea, and the few no-text types listed in the class comment.
     */
    public static boolean carriesNoText(int oid) {
        if (oid >= 0 && oid < MAX_BUILTIN_OID && NO_TEXT[oid]) {
            return true;
        }
        PgType scalar = scalar(oid);
        PgType type = scalar != null ? scalar : arrayElement(oid);
        return type != null && !type.textLike();
    }

    /** Neither a {@link PgType}, an array of one, nor a known no-text type. */
    public static boolean opaque(int oid) {
        return scalar(oid) == null && arrayElement(oid) == null && !carriesNoText(oid);
    }

    /** {@code int4}, {@code _text}, or {@code oid 16400} for a type the codec does not know. */
    public static String name(int oid) {
        PgType scalar = scalar(oid);
        if (scalar != null) {
            return scalar.typeName();
        }
        PgType element = arrayElement(oid);
        if (element != null) {
            return "_" + element.typeName();
        }
        return oid == UNKNOWN_OID ? "unknown" : "oid " + Integer.toUnsignedString(oid);
    }
}
