package dev.sluice.postgres.codec.backend;

/**
 * The messages a server sends once a session is ready, each with its wire byte; {@link #of(byte)} answers
 * {@code null} for any other byte, which the relay treats as a broken conversation.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>
 */
public enum BackendType {
    PARSE_COMPLETE('1'),
    BIND_COMPLETE('2'),
    CLOSE_COMPLETE('3'),
    PARAMETER_DESCRIPTION('t'),
    ROW_DESCRIPTION('T'),
    NO_DATA('n'),
    DATA_ROW('D'),
    COMMAND_COMPLETE('C'),
    EMPTY_QUERY_RESPONSE('I'),
    PORTAL_SUSPENDED('s'),
    ERROR_RESPONSE('E'),
    READY_FOR_QUERY('Z'),
    COPY_IN_RESPONSE('G'),
    COPY_OUT_RESPONSE('H'),
    COPY_BOTH_RESPONSE('W'),
    COPY_DATA('d'),
    COPY_DONE('c'),
    FUNCTION_CALL_RESPONSE('V'),
    /** Asynchronous: may arrive at any time, belongs to no command. */
    NOTICE_RESPONSE('N'),
    /** Asynchronous: LISTEN/NOTIFY. */
    NOTIFICATION_RESPONSE('A'),
    /** Asynchronous: a reported run-time parameter changed. */
    PARAMETER_STATUS('S');

    private static final BackendType[] BY_CODE = new BackendType[256];

    static {
        for (BackendType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final char code;

    BackendType(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** The type for a wire byte, or {@code null} when the byte names no message of the ready phase. */
    public static BackendType of(byte code) {
        return BY_CODE[code & 0xFF];
    }

    /** Notices, notifications and parameter changes: they belong to no command and can come at any time. */
    public boolean asynchronous() {
        return this == NOTICE_RESPONSE || this == NOTIFICATION_RESPONSE || this == PARAMETER_STATUS;
    }
}
