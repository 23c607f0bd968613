package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;

/**
 * The typed messages a client may send once its session is ready, each with its wire byte. Anything else (including
 * a late {@code 'p'} password message) is a protocol violation: it is refused, never forwarded.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>
 */
public enum FrontendType {
    QUERY('Q'),
    PARSE('P'),
    BIND('B'),
    DESCRIBE('D'),
    EXECUTE('E'),
    CLOSE('C'),
    SYNC('S'),
    FLUSH('H'),
    COPY_DATA('d'),
    COPY_DONE('c'),
    COPY_FAIL('f'),
    FUNCTION_CALL('F'),
    TERMINATE('X');

    private static final FrontendType[] BY_CODE = new FrontendType[256];

    static {
        for (FrontendType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final char code;

    FrontendType(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /**
     * @throws PgProtocolException (08P01) for a byte that is no frontend message of the ready phase
     */
    public static FrontendType of(byte code) throws PgProtocolException {
        FrontendType type = BY_CODE[code & 0xFF];
        if (type == null) {
            throw PgProtocolException.violation("unexpected message type " + describe(code) + " from the client");
        }
        return type;
    }

    private static String describe(byte code) {
        int c = code & 0xFF;
        return c >= 0x21 && c < 0x7F ? "'" + (char) c + "'" : "0x" + Integer.toHexString(c);
    }
}
