package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Arrays;
import java.util.Objects;

/**
 * SASLInitialResponse ({@code 'p'}): the chosen mechanism and its first client message. An absent initial response
 * is written as length -1 and decodes to an empty array.
 *
 * <p>The data is proof material, so {@link #toString()} shows only its size.
 */
public record SaslInitialResponse(String mechanism, byte[] data) {

    public SaslInitialResponse {
        Objects.requireNonNull(mechanism, "mechanism");
        data = data == null ? new byte[0] : data.clone();
    }

    public static SaslInitialResponse decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        String mechanism = reader.cstring();
        int length = reader.int32();
        byte[] data = length == -1 ? new byte[0] : reader.bytes(length);
        reader.expectEnd("SASLInitialResponse");
        return new SaslInitialResponse(mechanism, data);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        return WireWriter.message(PasswordMessage.TYPE).cstring(mechanism).int32(data.length).bytes(data).toBytes();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslInitialResponse other && mechanism.equals(other.mechanism)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return mechanism.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SaslInitialResponse[mechanism=" + mechanism + ", " + data.length + " bytes]";
    }
}
