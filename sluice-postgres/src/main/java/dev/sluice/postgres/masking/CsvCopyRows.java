package dev.sluice.postgres.masking;

/**
 * COPY's CSV format, read as PostgreSQL's CopyReadAttributesCSV reads it: a row ends at a newline outside quotes
 * (quoted fields may hold newlines); inside quotes the escape character takes the next quote or escape literally;
 * an unquoted field equal to the NULL string is NULL, a quoted one never is. Changed fields are written as
 * CopyAttributeOutCSV writes them: quoted when they hold the delimiter, the quote, CR or LF, or equal the NULL string.
 */
final class CsvCopyRows implements CopyRows {

    private final ColumnMasker[] maskers;
    private final byte delimiter;
    private final byte quote;
    private final byte escape;
    private final byte[] nullMarker;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] quoted;
    private final byte[][] replaced;
    private final ByteSink scratch = new ByteSink(256);
    private boolean headerPending;
    /** Where the last {@link #rowEnd} stopped in the incomplete row at the head of the buffer, and in what state. */
    private int scanned;
    private boolean scannedInQuote;

    CsvCopyRows(ColumnMasker[] maskers, CopyFormat.Csv format, byte[] nullMarker) {
        this.maskers = maskers;
        this.delimiter = (byte) format.delimiter();
        this.quote = (byte) format.quote();
        this.escape = (byte) format.escape();
        this.nullMarker = nullMarker;
        this.headerPending = format.header();
        this.starts = new int[maskers.length];
        this.ends = new int[maskers.length];
        this.quoted = new boolean[maskers.length];
        this.replaced = new byte[maskers.length][];
    }

    @Override
    public int rowEnd(byte[] buf, int pos, int end) {
        boolean inQuote = scannedInQuote;
        int i = pos + scanned;
        for (; i < end; i++) {
            byte c = buf[i];
            if (inQuote) {
                if ((c == escape || c == quote) && i + 1 == end) {
                    break; // whether it escapes or closes depends on the next byte: look again when it is here
                }
                if (c == escape && (buf[i + 1] == escape || buf[i + 1] == quote)) {
                    i++;
                } else if (c == quote) {
                    inQuote = false;
                }
            } else if (c == quote) {
                inQuote = true;
            } else if (c == '\n') {
                scanned = 0;
                scannedInQuote = false;
                return i + 1;
            }
        }
        // the row continues in the next CopyData: resume where this scan stopped, not from the row's start
        scanned = i - pos;
        scannedInQuote = inQuote;
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
        boolean inQuote = false;
        boolean sawQuote = false;
        int i = start;
        while (true) {
            if (!inQuote && (i >= lineEnd || buf[i] == delimiter)) {
                if (field >= n) {
                    throw columnCount(n);
                }
                starts[field] = fieldStart;
                ends[field] = i;
                quoted[field] = sawQuote;
                field++;
                if (i >= lineEnd) {
                    break;
                }
                fieldStart = ++i;
                sawQuote = false;
                continue;
            }
            if (i >= lineEnd) {
                throw new ResultRefusedException("a COPY CSV row ends inside a quoted field");
            }
            byte c = buf[i];
            if (inQuote) {
                if (c == escape && i + 1 < lineEnd && (buf[i + 1] == escape || buf[i + 1] == quote)) {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    inQuote = false;
                }
            } else if (c == quote) {
                inQuote = true;
                sawQuote = true;
            }
            i++;
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
            if (masker.passes() || (!quoted[k] && Bytes.regionEquals(buf, s, len, nullMarker))) {
                continue;
            }
            byte[] result;
            if (!quoted[k]) {
                result = masker.apply(buf, s, len);
            } else {
                unquote(buf, s, ends[k]);
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
                writeField(r, out);
            }
            replaced[k] = null;
        }
        out.write('\n');
    }

    private void unquote(byte[] buf, int from, int to) {
        scratch.reset();
        boolean inQuote = false;
        for (int i = from; i < to; i++) {
            byte c = buf[i];
            if (inQuote) {
                if (c == escape && i + 1 < to && (buf[i + 1] == escape || buf[i + 1] == quote)) {
                    scratch.write(buf[++i]);
                } else if (c == quote) {
                    inQuote = false;
                } else {
                    scratch.write(c);
                }
            } else if (c == quote) {
                inQuote = true;
            } else {
                scratch.write(c);
            }
        }
    }

    private void writeField(byte[] value, ByteSink out) {
        boolean useQuote = Bytes.regionEquals(value, 0, value.length, nullMarker)
                || (maskers.length == 1 && value.length == 2 && value[0] == '\\' && value[1] == '.');
        for (int i = 0; i < value.length && !useQuote; i++) {
            byte c = value[i];
            useQuote = c == delimiter || c == quote || c == '\n' || c == '\r';
        }
        if (!useQuote) {
            out.write(value);
            return;
        }
        out.write(quote);
        for (byte c : value) {
            if (c == quote || c == escape) {
                out.write(escape);
            }
            out.write(c);
        }
        out.write(quote);
    }

    private static ResultRefusedException columnCount(int expected) {
        return new ResultRefusedException("a COPY row does not have the " + expected + " columns announced");
    }
}
