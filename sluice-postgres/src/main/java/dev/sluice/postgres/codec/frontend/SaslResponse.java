package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Arrays;

/**
 * SASLResponse ({@code 'p'}): a later client message of the SASL exchange, the whole body being mechanism data.
 *
 * <p>The data is proof material, so {@link #toString()} shows only its size.
 */
public record SaslResponse(byte[] data) {

    public SaslResponse {
        data = data == null ? new byte[0] : data.clone();
    }

    public static SaslResponse decode(byte[] body) {
        return new SaslResponse(new BodyReader(body).rest());
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] encode() {
        return WireWriter.message(PasswordMessage.TYPE).bytes(data).toBytes();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaslResponse other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SaslResponse[" + data.length + " bytes]";
    }
}
