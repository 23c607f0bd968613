package dev.sluice.postgres.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One column's {@link ColumnAction} and the content net, compiled once per result into what happens to each of its
 * values. Shared by DataRow and COPY rewriting: a value arrives as bytes in the column's format (for text COPY, the
 * field after COPY's escapes are undone) and leaves as {@link #UNCHANGED}, {@code null} (SQL NULL) or new bytes.
 *
 * <p>Fail-closed rules, in one place:
 * <ul>
 *   <li>a value that cannot be decoded (malformed binary, an opaque binary type) under a rewrite or the net → NULL;</li>
 *   <li>a rewrite whose output is not, or cannot be encoded as, a value of the column's type → NULL (an array
 *       element: that element NULL), unless the column was announced to the client as {@code text};</li>
 *   <li>a mask function or the net throwing → the whole result is refused.</li>
 * </ul>
 */
final class ColumnMasker {

    /** Marks "send the original bytes"; compared by identity. */
    static final byte[] UNCHANGED = new byte[0];

    private static final int TEXT_ARRAY_OID = PgType.TEXT.arrayOid();

    enum Mode {
        /** Nothing to do: the value is never looked at. */
        PASS,
        /** Every value becomes NULL. */
        TO_NULL,
        /** The net reads the value as text (a text-like scalar, or any text-format value of an opaque type). */
        NET_SCALAR,
        /** The net reads each element of an array of a text-like type. */
        NET_ARRAY,
        /** The rewrite function maps the value's text (scalar, or opaque text in text format). */
        REWRITE_SCALAR,
        /** The rewrite function maps each element's text. */
        REWRITE_ARRAY
    }

    private final Mode mode;
    private final int column;
    private final boolean binary;
    /** The decodable scalar type, or the element type of an array; {@code null} for opaque text. */
    private final PgType type;
    private final UnaryOperator<String> fn;
    private final boolean keepsType;
    private final boolean retyped;
    private final UnaryOperator<String> net;
    private final ValueContext context;

    private ColumnMasker(Mode mode, int column, boolean binary, PgType type, UnaryOperator<String> fn,
                         boolean keepsType, boolean retyped, UnaryOperator<String> net, ValueContext context) {
        this.mode = mode;
        this.column = column;
        this.binary = binary;
        this.type = type;
        this.fn = fn;
        this.keepsType = keepsType;
        this.retyped = retyped;
        this.net = net;
        this.context = context;
    }

    /**
     * @param index   the column's position (0-based), for messages
     * @param action  the column's action; not {@link ColumnAction.Refuse} (the caller refuses the result first)
     * @param net     the content net, or {@code null} for none
     * @param retyped whether the client was told this column is {@code text} (or {@code _text}); only meaningful for
     *                a rewrite that does not keep the type (see {@link RowDescription#retypedToText})
     */
    static ColumnMasker compile(int index, Column column, ColumnAction action, UnaryOperator<String> net,
                                boolean retyped, ValueContext context) {
        int oid = column.typeOid();
        boolean binary = column.binary();
        PgType scalar = PgTypes.scalar(oid);
        PgType element = PgTypes.arrayElement(oid);
        return switch (action) {
            case ColumnAction.ToNull toNull -> simple(Mode.TO_NULL, index, binary, context);
            case ColumnAction.Refuse refuse -> throw new IllegalArgumentException("a refused result has no maskers");
            case ColumnAction.Pass pass -> {
                if (net == null) {
                    yield simple(Mode.PASS, index, binary, context);
                }
                if (scalar != null && scalar.textLike()) {
                    yield new ColumnMasker(Mode.NET_SCALAR, index, binary, scalar, null, true, false, net, context);
                }
                if (element != null && element.textLike()) {
                    yield new ColumnMasker(Mode.NET_ARRAY, index, binary, element, null, true, false, net, context);
                }
                if (PgTypes.carriesNoText(oid)) {
                    yield simple(Mode.PASS, index, binary, context);
                }
                // opaque: its text is text the net must read; its binary form cannot be read, so it is not sent
                yield binary ? simple(Mode.TO_NULL, index, binary, context)
                        : new ColumnMasker(Mode.NET_SCALAR, index, false, null, null, true, false, net, context);
            }
            case ColumnAction.Rewrite rewrite -> {
                boolean announcedText = retyped && !rewrite.keepsType() && retypable(column);
                if (!rewrite.keepsType() && !announcedText) {
                    yield simple(Mode.TO_NULL, index, binary, context); // every output would be sent as NULL
                }
                if (scalar != null && scalar.decodable()) {
                    yield new ColumnMasker(Mode.REWRITE_SCALAR, index, binary, scalar, rewrite.fn(),
                            rewrite.keepsType(), announcedText, net, context);
                }
                if (element != null && element.decodable()) {
                    yield new ColumnMasker(Mode.REWRITE_ARRAY, index, binary, element, rewrite.fn(),
                            rewrite.keepsType(), announcedText, net, context);
                }
                if (!binary && scalar != PgType.BYTEA && element != PgType.BYTEA) {
                    // an opaque type in text format: its text is all there is to rewrite
                    yield new ColumnMasker(Mode.REWRITE_SCALAR, index, false, null, rewrite.fn(),
                            rewrite.keepsType(), announcedText, net, context);
                }
                yield simple(Mode.TO_NULL, index, binary, context); // opaque binary, bytea: cannot be rewritten
            }
        };
    }

    /**
     * Whether a rewrite of this column that does not keep its type can be sent as text when the row description
     * announces {@code text}: the value must be readable (decodable, or any text-format value but bytea).
     */
    static boolean retypable(Column column) {
        int oid = column.typeOid();
        if (PgTypes.decodable(oid)) {
            return true;
        }
        return !column.binary() && oid != PgType.BYTEA.oid() && oid != PgType.BYTEA.arrayOid();
    }

    /** What a retyped column is announced as: {@code _text} for arrays the codec reads, else {@code text}. */
    static int announcedTypeOid(Column column) {
        PgType element = PgTypes.arrayElement(column.typeOid());
        return element != null && element.decodable() ? TEXT_ARRAY_OID : PgType.TEXT.oid();
    }

    private static ColumnMasker simple(Mode mode, int index, boolean binary, ValueContext context) {
        return new ColumnMasker(mode, index, binary, null, null, true, false, null, context);
    }

    Mode mode() {
        return mode;
    }

    boolean passes() {
        return mode == Mode.PASS;
    }

    /**
     * The value's new bytes, {@link #UNCHANGED}, or {@code null} for NULL. Never called for a NULL value.
     *
     * @throws ResultRefusedException when a mask function or the net fails
     */
    byte[] apply(byte[] buf, int off, int len) throws ResultRefusedException {
        return switch (mode) {
            case PASS -> UNCHANGED;
            case TO_NULL -> null;
            case NET_SCALAR -> netScalar(buf, off, len);
            case NET_ARRAY -> binary ? netBinaryArray(buf, off, len) : textArray(buf, off, len, false);
            case REWRITE_SCALAR -> rewriteScalar(buf, off, len);
            case REWRITE_ARRAY -> binary ? rewriteBinaryArray(buf, off, len) : textArray(buf, off, len, true);
        };
    }

    private byte[] netScalar(byte[] buf, int off, int len) throws ResultRefusedException {
        String in;
        try {
            in = read(type, buf, off, len);
        } catch (ValueFormatException e) {
            return null;
        }
        String out = scrub(in);
        if (same(in, out)) {
            return UNCHANGED;
        }
        try {
            return write(type, out);
        } catch (ValueFormatException e) {
            return null;
        }
    }

    private byte[] rewriteScalar(byte[] buf, int off, int len) throws ResultRefusedException {
        String in;
        try {
            in = read(type, buf, off, len);
        } catch (ValueFormatException e) {
            return null;
        }
        String out = mask(in);
        if (out == null) {
            return null;
        }
        if (retyped) {
            if (net != null) {
                out = scrub(out);
            }
            if (!binary && same(in, out)) {
                return UNCHANGED;
            }
            return textOrNull(out);
        }
        if (net != null && (type == null || type.textLike())) {
            out = scrub(out);
        }
        if (same(in, out)) {
            return UNCHANGED;
        }
        try {
            return write(type, out);
        } catch (ValueFormatException e) {
            return null;
        }
    }

    private byte[] rewriteBinaryArray(byte[] buf, int off, int len) throws ResultRefusedException {
        ArrayBinary.Parsed array;
        try {
            array = ArrayBinary.parse(buf, off, len);
            BinaryValues.elementType(array, type);
        } catch (ValueFormatException e) {
            return null;
        }
        int n = array.offsets().length;
        byte[][] elements = new byte[n][];
        boolean changed = retyped;
        for (int i = 0; i < n; i++) {
            int length = array.lengths()[i];
            if (length < 0) {
                continue;
            }
            String in;
            try {
                in = BinaryValues.decodeScalar(type, buf, array.offsets()[i], length, context);
            } catch (ValueFormatException e) {
                changed = true;
                continue; // an element that cannot be read is not sent
            }
            String out = mask(in);
            if (out != null && net != null && (retyped || type.textLike())) {
                out = scrub(out);
            }
            if (out != null && !retyped && same(in, out)) {
                elements[i] = Arrays.copyOfRange(buf, array.offsets()[i], array.offsets()[i] + length);
                continue;
            }
            changed = true;
            elements[i] = out == null ? null : retyped ? textOrNull(out) : encodedOrNull(type, out);
        }
        if (!changed) {
            return UNCHANGED;
        }
        return ArrayBinary.build(retyped ? PgType.TEXT.oid() : array.elementOid(), array.shape(), elements);
    }

    private byte[] netBinaryArray(byte[] buf, int off, int len) throws ResultRefusedException {
        ArrayBinary.Parsed array;
        try {
            array = ArrayBinary.parse(buf, off, len);
            BinaryValues.elementType(array, type);
        } catch (ValueFormatException e) {
            return null;
        }
        int n = array.offsets().length;
        byte[][] elements = null;
        for (int i = 0; i < n; i++) {
            int length = array.lengths()[i];
            if (length < 0) {
                continue;
            }
            byte[] replacement;
            try {
                String in = BinaryValues.decodeScalar(type, buf, array.offsets()[i], length, context);
                String out = scrub(in);
                replacement = same(in, out) ? UNCHANGED : encodedOrNull(type, out);
            } catch (ValueFormatException e) {
                replacement = null;
            }
            if (replacement != UNCHANGED) {
                if (elements == null) {
                    elements = new byte[n][];
                    for (int j = 0; j < i; j++) {
                        elements[j] = copyElement(buf, array, j);
                    }
                }
                elements[i] = replacement;
            } else if (elements != null) {
                elements[i] = copyElement(buf, array, i);
            }
        }
        return elements == null ? UNCHANGED : ArrayBinary.build(array.elementOid(), array.shape(), elements);
    }

    private static byte[] copyElement(byte[] buf, ArrayBinary.Parsed array, int i) {
        int length = array.lengths()[i];
        return length < 0 ? null : Arrays.copyOfRange(buf, array.offsets()[i], array.offsets()[i] + length);
    }

    /** A text-format array: parse the literal, mask or scrub each element, write the literal again. */
    private byte[] textArray(byte[] buf, int off, int len, boolean rewrite) throws ResultRefusedException {
        String literal = new String(buf, off, len, context.charset());
        ArrayText.Parsed array;
        try {
            array = ArrayText.parse(literal);
        } catch (ValueFormatException e) {
            return null;
        }
        List<String> elements = new ArrayList<>(array.elements().size());
        boolean changed = false;
        for (String in : array.elements()) {
            if (in == null) {
                elements.add(null);
                continue;
            }
            String out = rewrite ? mask(in) : in;
            if (out != null && net != null && (retyped || type.textLike())) {
                out = scrub(out);
            }
            if (out != null && rewrite && !retyped && !type.acceptsAnyText() && !same(in, out)) {
                try {
                    BinaryValues.encodeScalar(type, out, context); // only to check the output is of the type
                } catch (ValueFormatException e) {
                    out = null;
                }
            }
            if (out != null && out.indexOf('\0') >= 0) {
                out = null;
            }
            changed |= out == null || !same(in, out);
            elements.add(out);
        }
        if (!changed) {
            return UNCHANGED;
        }
        return ArrayText.format(array.shape(), elements).getBytes(context.charset());
    }

    /** The value's text: the bytes themselves in text format, the decoded binary form otherwise. */
    private String read(PgType valueType, byte[] buf, int off, int len) throws ValueFormatException {
        if (!binary || valueType == null) {
            return new String(buf, off, len, context.charset());
        }
        return BinaryValues.decodeScalar(valueType, buf, off, len, context);
    }

    /** The text as a value of the column's type in the column's format. */
    private byte[] write(PgType valueType, String text) throws ValueFormatException {
        if (binary) {
            return BinaryValues.encodeScalar(valueType, text, context);
        }
        if (valueType != null && !valueType.acceptsAnyText()) {
            BinaryValues.encodeScalar(valueType, text, context); // only to check the text is of the type
        }
        return BinaryValues.textBytes(text, context.charset());
    }

    private byte[] encodedOrNull(PgType valueType, String text) {
        try {
            return BinaryValues.encodeScalar(valueType, text, context);
        } catch (ValueFormatException e) {
            return null;
        }
    }

    private byte[] textOrNull(String text) {
        try {
            return BinaryValues.textBytes(text, context.charset());
        } catch (ValueFormatException e) {
            return null;
        }
    }

    private String mask(String value) throws ResultRefusedException {
        try {
            return fn.apply(value);
        } catch (RuntimeException e) {
            throw new ResultRefusedException("masking failed for column " + (column + 1) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private String scrub(String value) throws ResultRefusedException {
        try {
            String out = net.apply(value);
            if (out == null) {
                throw new NullPointerException("the content net answered null");
            }
            return out;
        } catch (RuntimeException e) {
            throw new ResultRefusedException("content scanning failed for column " + (column + 1) + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean same(String a, String b) {
        return a == b || a.equals(b);
    }
}
