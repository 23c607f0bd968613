package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Objects;

/**
 * Close ({@code 'C'}): drop a prepared statement or a portal. Closing a name that does not exist is not an error.
 *
 * @param target what kind of object {@code name} names
 * @param name   its name, {@code ""} for the unnamed one
 */
public record Close(Target target, String name) {

    public static final char TYPE = 'C';

    /** The two kinds of named object, with their wire bytes. */
    public enum Target {
        STATEMENT('S'),
        PORTAL('P');

        private final char code;

        Target(char code) {
            this.code = code;
        }

        public char code() {
            return code;
        }

        static Target of(int code) throws PgProtocolException {
            return switch (code) {
                case 'S' -> STATEMENT;
                case 'P' -> PORTAL;
                default -> throw PgProtocolException.violation("invalid Close target 0x" + Integer.toHexString(code));
            };
        }
    }

    public Close {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(name, "name");
    }

    public static Close decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        Target target = Target.of(reader.int8());
        String name = reader.cstring();
        reader.expectEnd("Close");
        return new Close(target, name);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).int8(target.code()).cstring(name).toBytes();
    }
}
