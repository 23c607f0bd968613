package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.WireWriter;

/** SSLRequest: the client asks to switch to TLS before the StartupMessage. Carries nothing, hence a singleton. */
public enum SslRequest implements StartupPhaseMessage {
    INSTANCE;

    @Override
    public byte[] encode() {
        return WireWriter.untyped().int32(SSL_REQUEST_CODE).toBytes();
    }

    @Override
    public String toString() {
        return "SSLRequest";
    }
}
