package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Objects;

/** ReadyForQuery ({@code 'Z'}): the server is ready for a new query cycle, in the given transaction state. */
public record ReadyForQuery(TransactionStatus status) {

    public static final char TYPE = 'Z';
    public static final ReadyForQuery IDLE = new ReadyForQuery(TransactionStatus.IDLE);

    public ReadyForQuery {
        Objects.requireNonNull(status, "status");
    }

    public static ReadyForQuery decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        TransactionStatus status = TransactionStatus.of(reader.int8());
        reader.expectEnd("ReadyForQuery");
        return new ReadyForQuery(status);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).int8(status.code()).toBytes();
    }

    /** The transaction status indicator byte. */
    public enum TransactionStatus {
        IDLE('I'),
        IN_TRANSACTION('T'),
        FAILED('E');

        private final char code;

        TransactionStatus(char code) {
            this.code = code;
        }

        public char code() {
            return code;
        }

        /** Looks up a wire byte; anything else is a protocol violation. */
        public static TransactionStatus of(int code) throws PgProtocolException {
            return switch (code) {
                case 'I' -> IDLE;
                case 'T' -> IN_TRANSACTION;
                case 'E' -> FAILED;
                default -> throw PgProtocolException.violation("unknown transaction status 0x"
                        + Integer.toHexString(code) + " in ReadyForQuery");
            };
        }
    }
}
