package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

/**
 * CancelRequest, sent on a fresh connection: cancel whatever the session with this process id is running. Protocol
 * 3.0 keys are exactly four bytes (3.2's longer keys are not spoken by the gateway).
 *
 * <p>The secret key is what authorises a cancel, so {@link #toString()} leaves it out.
 */
public record CancelRequest(int processId, int secretKey) implements StartupPhaseMessage {

    static CancelRequest decodeAfterCode(BodyReader reader) throws PgProtocolException {
        int processId = reader.int32();
        int secretKey = reader.int32();
        reader.expectEnd("CancelRequest");
        return new CancelRequest(processId, secretKey);
    }

    @Override
    public byte[] encode() {
        return WireWriter.untyped().int32(CANCEL_REQUEST_CODE).int32(processId).int32(secretKey).toBytes();
    }

    @Override
    public String toString() {
        return "CancelRequest[processId=" + processId + ", secretKey=***]";
    }
}
