package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The authentication requests ({@code 'R'}) the gateway understands, told apart by their int32 subtype. Kerberos,
 * GSSAPI and SSPI requests are refused on decode: neither side of the gateway speaks them.
 *
 * <p>SASL payloads are proof material, so their {@code toString()} shows only sizes.
 */
public sealed interface Authentication {

    char TYPE = 'R';

    /** Complete wire bytes, length included. */
    byte[] encode();

    static Authentication decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        int subtype = reader.int32();
        Authentication request = switch (subtype) {
            case Ok.CODE -> Ok.INSTANCE;
            case CleartextPassword.CODE -> CleartextPassword.INSTANCE;
            case Md5Password.CODE -> new Md5Password(reader.bytes(4));
            case Sasl.CODE -> Sasl.decodeMechanisms(reader);
            case SaslContinue.CODE -> new SaslContinue(reader.rest());
            case SaslFinal.CODE -> new SaslFinal(reader.rest());
            case 2, 7, 8, 9 -> throw new PgProtocolException("0A000",
                    "authentication method " + subtype + " (Kerberos/GSSAPI/SSPI) is not supported");
            default -> throw PgProtocolException.violation("unknown authentication request type " + subtype);
        };
        reader.expectEnd("Authentication request " + subtype);
        return request;
    }

    /** AuthenticationOk: the server accepted the credentials. */
    record Ok() implements Authentication {
        public static final int CODE = 0;
        public static final Ok INSTANCE = new Ok();

        @Override
        public byte[] encode() {
            return WireWriter.message(TYPE).int32(CODE).toBytes();
        }
    }

    /** AuthenticationCleartextPassword: send the password as is. */
    record CleartextPassword() implements Authentication {
        public static final int CODE = 3;
        public static final CleartextPassword INSTANCE = new CleartextPassword();

        @Override
        public byte[] encode() {
            return WireWriter.message(TYPE).int32(CODE).toBytes();
        }
    }

    /** AuthenticationMD5Password: send {@code "md5" + md5hex(md5hex(password + user) + salt)}. */
    record Md5Password(byte[] salt) implements Authentication {
        public static final int CODE = 5;

        public Md5Password {
            Objects.requireNonNull(salt, "salt");
            if (salt.length != 4) {
                throw new IllegalArgumentException("MD5 salt must be 4 bytes, got " + salt.length);
            }
            salt = salt.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] encode() {
            return WireWriter.message(TYPE).int32(CODE).bytes(salt).toBytes();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Md5Password other && Arrays.equals(salt, other.salt);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(salt);
        }

        @Override
        public String toString() {
            return "Md5Password[salt=***]";
        }
    }

    /** AuthenticationSASL: the mechanisms the server offers, in its order of preference. */
    record Sasl(List<String> mechanisms) implements Authentication {
        public static final int CODE = 10;

        public Sasl {
            mechanisms = List.copyOf(mechanisms);
            for (String mechanism : mechanisms) {
                if (mechanism.isEmpty()) {
                    throw new IllegalArgumentException("empty SASL mechanism name");
                }
            }
        }

        static Sasl decodeMechanisms(BodyReader reader) throws PgProtocolException {
            List<String> mechanisms = new ArrayList<>();
            while (true) {
                String mechanism = reader.cstring();
                if (mechanism.isEmpty()) {
                    return new Sasl(mechanisms);
                }
                mechanisms.add(mechanism);
            }
        }

        @Override
        public byte[] encode() {
            WireWriter writer = WireWriter.message(TYPE).int32(CODE);
            mechanisms.forEach(writer::cstring);
            return writer.int8(0).toBytes();
        }
    }

    /** AuthenticationSASLContinue: a server challenge (for SCRAM, the server-first-message). */
    record SaslContinue(byte[] data) implements Authentication {
        public static final int CODE = 11;

        public SaslContinue {
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] encode() {
            return WireWriter.message(TYPE).int32(CODE).bytes(data).toBytes();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SaslContinue other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "SaslContinue[" + data.length + " bytes]";
        }
    }

    /** AuthenticationSASLFinal: the outcome data (for SCRAM, the server signature to verify). */
    record SaslFinal(byte[] data) implements Authentication {
        public static final int CODE = 12;

        public SaslFinal {
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] encode() {
            return WireWriter.message(TYPE).int32(CODE).bytes(data).toBytes();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SaslFinal other && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "SaslFinal[" + data.length + " bytes]";
        }
    }
}
