package dev.sluice.postgres.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fields from a message body, failing with {@link PgProtocolException} (never an index exception) when the
 * body is shorter than its fields claim.
 */
public final class BodyReader {

    private final byte[] body;
    private int pos;

    public BodyReader(byte[] body) {
        this.body = body;
    }

    public int int8() throws PgProtocolException {
        need(1);
        return body[pos++] & 0xFF;
    }

    public int int16() throws PgProtocolException {
        need(2);
        int v = ((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF);
        pos += 2;
        return (short) v;
    }

    public int int32() throws PgProtocolException {
        need(4);
        int v = ((body[pos] & 0xFF) << 24) | ((body[pos + 1] & 0xFF) << 16) | ((body[pos + 2] & 0xFF) << 8)
                | (body[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A NUL-terminated UTF-8 string. */
    public String cstring() throws PgProtocolException {
        int end = pos;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        if (end >= body.length) {
            throw PgProtocolException.violation("unterminated string in message");
        }
        String s = new String(body, pos, end - pos, StandardCharsets.UTF_8);
        pos = end + 1;
        return s;
    }

    public byte[] bytes(int n) throws PgProtocolException {
        if (n < 0) {
            throw PgProtocolException.violation("negative length " + n + " in message");
        }
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(body, pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * An Int16 count and that many Int16 values (format codes). A count the body cannot hold is a violation,
     * found before anything is allocated for it.
     *
     * @param message the message being read, for the error ({@code "Bind"})
     * @param what    what the values are, for the error ({@code "parameter format codes"})
     */
    public List<Integer> int16s(String message, String what) throws PgProtocolException {
        int count = int16() & 0xFFFF;
        if (count * 2L > remaining()) {
            throw PgProtocolException.violation(message + " declares " + count + " " + what + " but is too short");
        }
        List<Integer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(int16());
        }
        return values;
    }

    /**
     * An Int16 count and that many values, each an Int32 length ({@code -1} for NULL, read as {@code null}) and
     * its bytes: Bind's parameters, FunctionCall's arguments.
     */
    public List<byte[]> values(String message, String what) throws PgProtocolException {
        int count = int16() & 0xFFFF;
        if (count * 4L > remaining()) {
            throw PgProtocolException.violation(message + " declares " + count + " " + what + " but is too short");
        }
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = int32();
            values.add(length == -1 ? null : bytes(length));
        }
        return values;
    }

    /** Everything not yet read. */
    public byte[] rest() {
        byte[] out = new byte[body.length - pos];
        System.arraycopy(body, pos, out, 0, out.length);
        pos = body.length;
        return out;
    }

    public int remaining() {
        return body.length - pos;
    }

    public boolean atEnd() {
        return pos == body.length;
    }

    /** Fails unless the whole body was consumed: trailing garbage is a protocol violation too. */
    public void expectEnd(String messageName) throws PgProtocolException {
        if (!atEnd()) {
            throw PgProtocolException.violation(messageName + " has " + remaining() + " unexpected trailing bytes");
        }
    }

    private void need(int n) throws PgProtocolException {
        if (body.length - pos < n) {
            throw PgProtocolException.violation("message truncated");
        }
    }
}
