package dev.sluice.postgres.masking;

/**
 * COPY's text format: one row per line ending in {@code \n}; fields split by the delimiter; the NULL string matched
 * on the raw field; backslash escapes undone before masking and applied again after, as PostgreSQL's
 * CopyReadAttributesText and CopyAttributeOutText do.
 */
final class TextCopyRows implements CopyRows {

    private final ColumnMasker[] maskers;
    private final byte delimiter;
    private final byte[] nullMarker;
    private final int[] starts;
    private final int[] ends;
    private final byte[][] replaced;
    private final ByteSink scratch = new ByteSink(256);
    private boolean headerPending;
    /** How far into the incomplete row at the head of the buffer the last {@link #rowEnd} already looked. */
    private int scanned;

    TextCopyRows(ColumnMasker[] maskers, CopyFormat.Text format, byte[] nullMarker) {
        this.maskers = maskers;
        this.delimiter = (byte) format.delimiter();
        this.nullMarker = nullMarker;
        this.headerPending = format.header();
        this.starts = new int[maskers.length];
        this.ends = new int[maskers.length];
        this.replaced = new byte[maskers.length][];
    }

    @Override
    public int rowEnd(byte[] buf, int pos, int end) {
        for (int i = pos + scanned; i < end; i++) {
            if (buf[i] == '\n') {
                scanned = 0;
                return i + 1; // a newline inside a value is always written as \n, never raw
            }
        }
        scanned = end - pos; // the row continues in the next CopyData: resume there, not from its start
        return -1;
    }

    @Override
    public boolean prepare(byte[] buf, int start, int end) throws ResultRefusedException {
        if (headerPending) {
            headerPending = false;
            return false;
        }
        int lineEnd = end - 1;
        int n = maskers.length;
        if (n == 0) {
            if (lineEnd != start) {
                throw new ResultRefusedException("a COPY row has fields where none were expected");
            }
            return false;
        }
        int field = 0;
        int fieldStart = start;
        int i = start;
        while (true) {
            if (i >= lineEnd || buf[i] == delimiter) {
                if (field >= n) {
                    throw columnCount(n);
                }
                starts[field] = fieldStart;
                ends[field] = Math.min(i, lineEnd);
                field++;
                if (i >= lineEnd) {
                    break;
                }
                fieldStart = ++i;
                continue;
            }
            i += buf[i] == '\\' ? 2 : 1;
        }
        if (field != n) {
            throw columnCount(n);
        }
        boolean changed = false;
        for (int k = 0; k < n; k++) {
            replaced[k] = ColumnMasker.UNCHANGED;
            ColumnMasker masker = maskers[k];
            int s = starts[k];
            int len = ends[k] - s;
            if (masker.passes() || Bytes.regionEquals(buf, s, len, nullMarker)) {
                continue;
            }
            byte[] result;
            if (indexOf(buf, s, ends[k], (byte) '\\') < 0) {
                result = masker.apply(buf, s, len);
            } else {
                unescape(buf, s, ends[k]);
                result = masker.apply(scratch.array(), 0, scratch.size());
            }
            if (result != ColumnMasker.UNCHANGED) {
                replaced[k] = result;
                changed = true;
            }
        }
        return changed;
    }

    @Override
    public void write(byte[] buf, int start, int end, ByteSink out) {
        for (int k = 0; k < maskers.length; k++) {
            if (k > 0) {
                out.write(delimiter);
            }
            byte[] r = replaced[k];
            if (r == ColumnMasker.UNCHANGED) {
                out.write(buf, starts[k], ends[k] - starts[k]);
            } else if (r == null) {
                out.write(nullMarker);
            } else {
                escape(r, out);
            }
            replaced[k] = null;
        }
        out.write('\n');
    }

    /** CopyReadAttributesText's de-escaping: \b \f \n \r \t \v, octal \ooo, hex \xhh, otherwise the next byte. */
    private void unescape(byte[] buf, int from, int to) {
        scratch.reset();
        int i = from;
        while (i < to) {
            byte c = buf[i++];
            if (c != '\\' || i >= to) {
                scratch.write(c);
                continue;
            }
            c = buf[i++];
            if (c >= '0' && c <= '7') {
                int value = c - '0';
                for (int digits = 1; digits < 3 && i < to && buf[i] >= '0' && buf[i] <= '7'; digits++) {
                    value = (value << 3) + (buf[i++] - '0');
                }
                scratch.write(value & 0xFF);
            } else if (c == 'x' && i < to && Character.digit(buf[i], 16) >= 0) {
                int value = Character.digit(buf[i++], 16);
                if (i < to && Character.digit(buf[i], 16) >= 0) {
                    value = (value << 4) + Character.digit(buf[i++], 16);
                }
                scratch.write(value);
            } else {
                scratch.write(switch (c) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> 0x0B;
                    default -> c;
                });
            }
        }
    }

    /** CopyAttributeOutText: backslash and delimiter get a backslash; \b \f \n \r \t \v are spelt out. */
    private void escape(byte[] value, ByteSink out) {
        for (byte c : value) {
            if ((c & 0xFF) < 0x20) {
                int letter = switch (c) {
                    case '\b' -> 'b';
                    case '\f' -> 'f';
                    case '\n' -> 'n';
                    case '\r' -> 'r';
                    case '\t' -> 't';
                    case 0x0B -> 'v';
                    default -> -1;
                };
                if (letter >= 0) {
                    out.write('\\');
                    out.write(letter);
                    continue;
                }
                if (c == delimiter) {
                    out.write('\\');
                }
                out.write(c);
            } else {
                if (c == '\\' || c == delimiter) {
                    out.write('\\');
                }
                out.write(c);
            }
        }
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static ResultRefusedException columnCount(int expected) {
        return new ResultRefusedException("a COPY row does not have the " + expected + " columns announced");
    }
}
