package dev.sluice.postgres.codec;

import java.nio.charset.StandardCharsets;

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
