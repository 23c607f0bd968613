package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.WireWriter;

/**
 * GSSENCRequest: the client asks for GSSAPI transport encryption. The gateway answers {@code 'N'} (libpq then goes on
 * with SSLRequest or a plain StartupMessage); it is decoded only so that it can be refused cleanly.
 */
public enum GssEncRequest implements StartupPhaseMessage {
    INSTANCE;

    @Override
    public byte[] encode() {
        return WireWriter.untyped().int32(GSSENC_REQUEST_CODE).toBytes();
    }

    @Override
    public String toString() {
        return "GSSENCRequest";
    }
}
