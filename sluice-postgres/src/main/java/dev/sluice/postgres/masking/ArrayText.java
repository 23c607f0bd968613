package dev.sluice.postgres.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Array literals as PostgreSQL's {@code array_out} writes them and {@code array_in} reads them:
 * {@code {a,"b c",NULL}}, {@code {{1,2},{3,4}}}, {@code [0:1]={x,y}}. Element text is the element type's text
 * output; an element is double-quoted when it is empty, spells NULL, or holds a brace, the delimiter, a quote, a
 * backslash or white space, and inside quotes {@code "} and {@code \} are backslash-escaped. Every type the codec
 * handles uses {@code ,} as delimiter.
 */
final class ArrayText {

    /** The array: shape and flat elements ({@code null} for a NULL element). */
    record Parsed(ArrayShape shape, List<String> elements) {
    }

    private ArrayText() {
    }

    static String format(ArrayShape shape, List<String> elements) {
        StringBuilder out = new StringBuilder(16 + elements.size() * 8);
        int[] dims = shape.dims();
        if (dims.length == 0) {
            return "{}";
        }
        if (!shape.defaultBounds()) {
            for (int d = 0; d < dims.length; d++) {
                int lower = shape.lowerBounds()[d];
                out.append('[').append(lower).append(':').append(lower + dims[d] - 1).append(']');
            }
            out.append('=');
        }
        int[] index = {0};
        appendLevel(out, dims, 0, elements, index);
        return out.toString();
    }

    private static void appendLevel(StringBuilder out, int[] dims, int level, List<String> elements, int[] index) {
        out.append('{');
        for (int i = 0; i < dims[level]; i++) {
            if (i > 0) {
                out.append(',');
            }
            if (level + 1 < dims.length) {
                appendLevel(out, dims, level + 1, elements, index);
            } else {
                appendElement(out, elements.get(index[0]++));
            }
        }
        out.append('}');
    }

    private static void appendElement(StringBuilder out, String value) {
        if (value == null) {
            out.append("NULL");
            return;
        }
        boolean quote = value.isEmpty() || value.equalsIgnoreCase("NULL");
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || isSpace(c);
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** PostgreSQL's scanner_isspace (16+): space, tab, newline, carriage return, vertical tab, form feed. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    static Parsed parse(String text) throws ValueFormatException {
        return new Reader(text).read();
    }

    private static final class Reader {
        private final String s;
        private int pos;
        private final List<String> elements = new ArrayList<>();
        private final int[] counts = new int[ArrayShape.MAX_DIMENSIONS];
        private int depthSeen = -1;

        Reader(String s) {
            this.s = s;
            Arrays.fill(counts, -1);
        }

        Parsed read() throws ValueFormatException {
            skipSpace();
            int[] declaredLower = null;
            int[] declaredDims = null;
            if (at('[')) {
                List<int[]> bounds = new ArrayList<>();
                while (at('[')) {
                    pos++;
                    int first = integer();
                    int lower = 1;
                    int upper = first;
                    if (at(':')) {
                        pos++;
                        lower = first;
                        upper = integer();
                    }
                    expect(']');
                    if (upper < lower - 1 || bounds.size() >= ArrayShape.MAX_DIMENSIONS) {
                        throw new ValueFormatException("invalid array bounds");
                    }
                    bounds.add(new int[] {lower, upper - lower + 1});
                }
                skipSpace();
                expect('=');
                skipSpace();
                declaredLower = bounds.stream().mapToInt(b -> b[0]).toArray();
                declaredDims = bounds.stream().mapToInt(b -> b[1]).toArray();
            }
            expect('{');
            skipSpace();
            ArrayShape shape;
            if (at('}')) {
                pos++;
                shape = ArrayShape.EMPTY;
            } else {
                level(0);
                int[] dims = Arrays.copyOf(counts, depthSeen + 1);
                int[] lower = new int[dims.length];
                Arrays.fill(lower, 1);
                shape = new ArrayShape(dims, lower);
            }
            skipSpace();
            if (pos != s.length()) {
                throw new ValueFormatException("unexpected text after array");
            }
            if (declaredDims != null) {
                if (!Arrays.equals(declaredDims, shape.dims())) {
                    throw new ValueFormatException("array bounds do not match its elements");
                }
                shape = new ArrayShape(declaredDims, declaredLower);
            }
            return new Parsed(shape, elements);
        }

        /** After the opening brace of a sub-array at {@code depth}: its items and the closing brace. */
        private void level(int depth) throws ValueFormatException {
            if (depth >= ArrayShape.MAX_DIMENSIONS) {
                throw new ValueFormatException("array has too many dimensions");
            }
            int count = 0;
            boolean nested = at('{');
            while (true) {
                skipSpace();
                if (nested) {
                    expect('{');
                    skipSpace();
                    level(depth + 1);
                } else {
                    element();
                }
                count++;
                skipSpace();
                if (at(',')) {
                    pos++;
                    skipSpace();
                    continue;
                }
                expect('}');
                break;
            }
            if (!nested) {
                if (depthSeen >= 0 && depthSeen != depth) {
                    throw new ValueFormatException("array is not rectangular");
                }
                depthSeen = depth;
            }
            if (counts[depth] < 0) {
                counts[depth] = count;
            } else if (counts[depth] != count) {
                throw new ValueFormatException("array is not rectangular");
            }
        }

        private void element() throws ValueFormatException {
            StringBuilder value = new StringBuilder();
            if (at('"')) {
                pos++;
                while (true) {
                    if (pos >= s.length()) {
                        throw new ValueFormatException("unterminated quoted array element");
                    }
                    char c = s.charAt(pos++);
                    if (c == '\\') {
                        if (pos >= s.length()) {
                            throw new ValueFormatException("unterminated quoted array element");
                        }
                        value.append(s.charAt(pos++));
                    } else if (c == '"') {
                        break;
                    } else {
                        value.append(c);
                    }
                }
                elements.add(value.toString());
                return;
            }
            boolean escaped = false;
            int lastSignificant = 0;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ',' || c == '}') {
                    break;
                }
                if (c == '{' || c == '"') {
                    throw new ValueFormatException("unexpected character in array element");
                }
                pos++;
                if (c == '\\') {
                    if (pos >= s.length()) {
                        throw new ValueFormatException("unterminated array element");
                    }
                    value.append(s.charAt(pos++));
                    escaped = true;
                    lastSignificant = value.length();
                } else {
                    value.append(c);
                    if (!isSpace(c)) {
                        lastSignificant = value.length();
                    }
                }
            }
            value.setLength(lastSignificant);
            if (value.isEmpty() && !escaped) {
                throw new ValueFormatException("empty unquoted array element");
            }
            String v = value.toString();
            elements.add(!escaped && v.toUpperCase(Locale.ROOT).equals("NULL") ? null : v);
        }

        private int integer() throws ValueFormatException {
            skipSpace();
            int start = pos;
            if (at('-') || at('+')) {
                pos++;
            }
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            try {
                int value = Integer.parseInt(s.substring(start, pos));
                skipSpace();
                return value;
            } catch (NumberFormatException e) {
                throw new ValueFormatException("invalid array bound");
            }
        }

        private boolean at(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) throws ValueFormatException {
            if (!at(c)) {
                throw new ValueFormatException("malformed array literal");
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < s.length() && isSpace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
