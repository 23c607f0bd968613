package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

/**
 * BackendKeyData ({@code 'K'}): process id and secret key a CancelRequest must quote. Protocol 3.0 keys are four
 * bytes. The secret key authorises cancels, so {@link #toString()} leaves it out.
 */
public record BackendKeyData(int processId, int secretKey) {

    public static final char TYPE = 'K';

    public static BackendKeyData decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        int processId = reader.int32();
        int secretKey = reader.int32();
        reader.expectEnd("BackendKeyData");
        return new BackendKeyData(processId, secretKey);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).int32(processId).int32(secretKey).toBytes();
    }

    @Override
    public String toString() {
        return "BackendKeyData[processId=" + processId + ", secretKey=***]";
    }
}
