package dev.sluice.postgres.codec;

import java.util.Objects;

/**
 * One PostgreSQL protocol message as framed on the wire: a type byte and its body (the bytes after the length).
 * Startup-phase messages have no type byte; they are framed with {@link #UNTYPED}.
 *
 * <p>Bodies can carry passwords and row values, so {@link #toString()} prints only the type and size.
 */
public record PgFrame(byte type, byte[] body) {

    /** Type marker for the untyped startup-phase messages (StartupMessage, SSLRequest, CancelRequest…). */
    public static final byte UNTYPED = 0;

    public PgFrame {
        Objects.requireNonNull(body, "body");
    }

    public char typeChar() {
        return (char) (type & 0xFF);
    }

    /** Size on the wire: type byte (if any) + 4-byte length + body. */
    public int wireSize() {
        return (type == UNTYPED ? 0 : 1) + 4 + body.length;
    }

    @Override
    public String toString() {
        return "PgFrame[" + (type == UNTYPED ? "untyped" : "'" + typeChar() + "'") + ", " + body.length + " bytes]";
    }
}
