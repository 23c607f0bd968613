package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Objects;

/**
 * PasswordMessage ({@code 'p'}): a cleartext or MD5-hashed password. The {@code 'p'} type is shared with the SASL
 * and GSS responses; which one a body holds follows from the authentication request that preceded it.
 *
 * <p>{@link #toString()} never prints the password.
 */
public record PasswordMessage(String password) {

    public static final char TYPE = 'p';

    public PasswordMessage {
        Objects.requireNonNull(password, "password");
    }

    public static PasswordMessage decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        String password = reader.cstring();
        reader.expectEnd("PasswordMessage");
        return new PasswordMessage(password);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).cstring(password).toBytes();
    }

    @Override
    public String toString() {
        return "PasswordMessage[***]";
    }
}
