package dev.sluice.postgres.masking;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Binary-format values of the {@link PgType}s and their arrays, to and from the text PostgreSQL's output functions
 * produce with default settings ({@code DateStyle ISO}, {@code extra_float_digits 1}): {@code t}, {@code 42},
 * {@code 1.5e+20}, {@code 12.3400}, {@code 2020-02-29 13:45:00.5+01}, {@code {a,"b c",NULL}}…
 *
 * <p>Decoding is what lets a mask function see a binary value; encoding is what lets its output go back in the
 * column's own type. Either way a value the codec cannot handle is a {@link ValueFormatException}, never a guess:
 * the rewriters then send NULL. bytea and every opaque OID (see {@link PgTypes}) are refused outright.
 */
public final class BinaryValues {

    private BinaryValues() {
    }

    public static String decode(int typeOid, byte[] value, ValueContext context) throws ValueFormatException {
        return decode(typeOid, value, 0, value.length, context);
    }

    /** The canonical text of the binary value in {@code buf[off, off+len)}. */
    public static String decode(int typeOid, byte[] buf, int off, int len, ValueContext context)
            throws ValueFormatException {
        PgType scalar = PgTypes.scalar(typeOid);
        if (scalar != null) {
            return decodeScalar(scalar, buf, off, len, context);
        }
        PgType element = PgTypes.arrayElement(typeOid);
        if (element == null || !element.decodable()) {
            throw new ValueFormatException("type " + PgTypes.name(typeOid) + " cannot be decoded");
        }
        ArrayBinary.Parsed array = ArrayBinary.parse(buf, off, len);
        PgType actual = elementType(array, element);
        List<String> elements = new ArrayList<>(array.offsets().length);
        for (int i = 0; i < array.offsets().length; i++) {
            elements.add(array.lengths()[i] < 0 ? null
                    : decodeScalar(actual, buf, array.offsets()[i], array.lengths()[i], context));
        }
        return ArrayText.format(array.shape(), elements);
    }

    /** The binary form of {@code text} as a value of the type. */
    public static byte[] encode(int typeOid, String text, ValueContext context) throws ValueFormatException {
        PgType scalar = PgTypes.scalar(typeOid);
        if (scalar != null) {
            return encodeScalar(scalar, text, context);
        }
        PgType element = PgTypes.arrayElement(typeOid);
        if (element == null || !element.decodable()) {
            throw new ValueFormatException("type " + PgTypes.name(typeOid) + " cannot be encoded");
        }
        ArrayText.Parsed array = ArrayText.parse(text);
        byte[][] elements = new byte[array.elements().size()][];
        for (int i = 0; i < elements.length; i++) {
            String value = array.elements().get(i);
            elements[i] = value == null ? null : encodeScalar(element, value, context);
        }
        return ArrayBinary.build(element.oid(), array.shape(), elements);
    }

    /** The element type an array's header names; it must be the decodable type the column's OID promises. */
    static PgType elementType(ArrayBinary.Parsed array, PgType expected) throws ValueFormatException {
        PgType actual = PgTypes.scalar(array.elementOid());
        if (actual == null || !actual.decodable()) {
            throw new ValueFormatException("array of " + PgTypes.name(array.elementOid()) + " cannot be decoded");
        }
        if (expected != null && actual != expected) {
            throw new ValueFormatException("array element type does not match the column type");
        }
        return actual;
    }

    static String decodeScalar(PgType type, byte[] buf, int off, int len, ValueContext context)
            throws ValueFormatException {
        Charset charset = context.charset();
        return switch (type) {
            case TEXT, VARCHAR, BPCHAR, NAME, JSON -> new String(buf, off, len, charset);
            case JSONB -> {
                if (len < 1 || buf[off] != 1) {
                    throw new ValueFormatException("unsupported jsonb version");
                }
                yield new String(buf, off + 1, len - 1, charset);
            }
            case CHAR -> {
                length(type, len, 1);
                yield charText(buf[off]);
            }
            case BOOL -> {
                length(type, len, 1);
                yield buf[off] != 0 ? "t" : "f";
            }
            case INT2 -> {
                length(type, len, 2);
                yield Integer.toString(Bytes.int16(buf, off));
            }
            case INT4 -> {
                length(type, len, 4);
                yield Integer.toString(Bytes.int32(buf, off));
            }
            case INT8 -> {
                length(type, len, 8);
                yield Long.toString(Bytes.int64(buf, off));
            }
            case FLOAT4 -> {
                length(type, len, 4);
                yield FloatText.float4(Float.intBitsToFloat(Bytes.int32(buf, off)));
            }
            case FLOAT8 -> {
                length(type, len, 8);
                yield FloatText.float8(Double.longBitsToDouble(Bytes.int64(buf, off)));
            }
            case NUMERIC -> NumericBinary.decode(buf, off, len);
            case DATE -> {
                length(type, len, 4);
                yield DateTimeText.date(Bytes.int32(buf, off));
            }
            case TIME -> {
                length(type, len, 8);
                long micros = Bytes.int64(buf, off);
                if (micros < 0 || micros > DateTimeText.MICROS_PER_DAY) {
                    throw new ValueFormatException("time out of range");
                }
                yield DateTimeText.time(micros);
            }
            case TIMESTAMP -> {
                length(type, len, 8);
                yield DateTimeText.timestamp(Bytes.int64(buf, off));
            }
            case TIMESTAMPTZ -> {
                length(type, len, 8);
                yield DateTimeText.timestamptz(Bytes.int64(buf, off), context.timeZone());
            }
            case UUID -> {
                length(type, len, 16);
                String hex = HexFormat.of().formatHex(buf, off, off + 16);
                yield hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                        + hex.substring(16, 20) + '-' + hex.substring(20);
            }
            case BYTEA -> throw new ValueFormatException("bytea is not decoded");
        };
    }

    static byte[] encodeScalar(PgType type, String text, ValueContext context) throws ValueFormatException {
        Charset charset = context.charset();
        return switch (type) {
            case TEXT, VARCHAR, BPCHAR, NAME, JSON -> textBytes(text, charset);
            case JSONB -> {
                byte[] json = textBytes(text, charset);
                byte[] out = new byte[json.length + 1];
                out[0] = 1;
                System.arraycopy(json, 0, out, 1, json.length);
                yield out;
            }
            case CHAR -> new byte[] {charByte(text, charset)};
            case BOOL -> new byte[] {(byte) (parseBool(text) ? 1 : 0)};
            case INT2 -> {
                long v = parseInteger(text, Short.MIN_VALUE, Short.MAX_VALUE);
                byte[] out = new byte[2];
                Bytes.putInt16(out, 0, (int) v);
                yield out;
            }
            case INT4 -> {
                long v = parseInteger(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
                byte[] out = new byte[4];
                Bytes.putInt32(out, 0, (int) v);
                yield out;
            }
            case INT8 -> {
                long v = parseInteger(text, Long.MIN_VALUE, Long.MAX_VALUE);
                byte[] out = new byte[8];
                Bytes.putInt64(out, 0, v);
                yield out;
            }
            case FLOAT4 -> {
                double wide = FloatText.parse(text);
                float v = Double.isFinite(wide) ? Float.parseFloat(text.strip()) : (float) wide;
                if (Double.isFinite(wide) && Float.isInfinite(v)) {
                    throw new ValueFormatException("float4 out of range");
                }
                byte[] out = new byte[4];
                Bytes.putInt32(out, 0, Float.floatToIntBits(v));
                yield out;
            }
            case FLOAT8 -> {
                double v = FloatText.parse(text);
                byte[] out = new byte[8];
                Bytes.putInt64(out, 0, Double.doubleToLongBits(v));
                yield out;
            }
            case NUMERIC -> NumericBinary.encode(text);
            case DATE -> {
                byte[] out = new byte[4];
                Bytes.putInt32(out, 0, DateTimeText.parseDate(text));
                yield out;
            }
            case TIME -> {
                byte[] out = new byte[8];
                Bytes.putInt64(out, 0, DateTimeText.parseTime(text));
                yield out;
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                byte[] out = new byte[8];
                Bytes.putInt64(out, 0, DateTimeText.parseTimestamp(text, context.timeZone(),
                        type == PgType.TIMESTAMPTZ));
                yield out;
            }
            case UUID -> parseUuid(text);
            case BYTEA -> throw new ValueFormatException("bytea is not encoded");
        };
    }

    /** Text in the client encoding; PostgreSQL text cannot hold a NUL character. */
    static byte[] textBytes(String text, Charset charset) throws ValueFormatException {
        if (text.indexOf('\0') >= 0) {
            throw new ValueFormatException("text cannot contain NUL");
        }
        return text.getBytes(charset);
    }

    private static void length(PgType type, int actual, int expected) throws ValueFormatException {
        if (actual != expected) {
            throw new ValueFormatException(type.typeName() + " value of " + actual + " bytes, expected " + expected);
        }
    }

    /** charout: empty for 0, the character for ASCII, {@code \ooo} octal for a byte with the high bit set. */
    private static String charText(byte b) {
        int v = b & 0xFF;
        if (v == 0) {
            return "";
        }
        if (v < 0x80) {
            return String.valueOf((char) v);
        }
        return "\\" + (char) ('0' + (v >> 6)) + (char) ('0' + ((v >> 3) & 7)) + (char) ('0' + (v & 7));
    }

    /** charin: {@code \ooo} octal, else the first byte (0 for the empty string). */
    private static byte charByte(String text, Charset charset) {
        if (text.length() == 4 && text.charAt(0) == '\\' && octal(text.charAt(1)) && octal(text.charAt(2))
                && octal(text.charAt(3))) {
            return (byte) (((text.charAt(1) - '0') << 6) + ((text.charAt(2) - '0') << 3) + (text.charAt(3) - '0'));
        }
        byte[] bytes = text.getBytes(charset);
        return bytes.length == 0 ? 0 : bytes[0];
    }

    private static boolean octal(char c) {
        return c >= '0' && c <= '7';
    }

    private static boolean parseBool(String text) throws ValueFormatException {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "on", "1" -> true;
            case "f", "false", "n", "no", "off", "0" -> false;
            default -> throw new ValueFormatException("not a boolean");
        };
    }

    private static long parseInteger(String text, long min, long max) throws ValueFormatException {
        String s = text.strip();
        long value;
        try {
            value = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ValueFormatException("not an integer");
        }
        if (value < min || value > max) {
            throw new ValueFormatException("integer out of range");
        }
        return value;
    }

    /** uuid_in: 32 hex digits, optionally in braces, hyphens allowed after any group of four. */
    private static byte[] parseUuid(String text) throws ValueFormatException {
        String s = text.strip();
        if (s.startsWith("{") && s.endsWith("}") && s.length() >= 2) {
            s = s.substring(1, s.length() - 1);
        }
        StringBuilder hex = new StringBuilder(32);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '-' && hex.length() > 0 && hex.length() % 4 == 0 && i + 1 < s.length() && s.charAt(i + 1) != '-') {
                continue;
            }
            if (Character.digit(c, 16) < 0 || c > 127) {
                throw new ValueFormatException("not a uuid");
            }
            hex.append(c);
        }
        if (hex.length() != 32) {
            throw new ValueFormatException("not a uuid");
        }
        return HexFormat.of().parseHex(hex);
    }
}
