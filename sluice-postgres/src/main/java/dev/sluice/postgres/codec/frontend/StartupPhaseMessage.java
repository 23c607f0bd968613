package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;

/**
 * The untyped messages a client may send before authentication: the body of a frame read with
 * {@link dev.sluice.postgres.codec.FrameReader#readUntyped()} is one of these, told apart by its first int32.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-message-formats.html">Message Formats</a>
 */
public sealed interface StartupPhaseMessage permits StartupMessage, SslRequest, GssEncRequest, CancelRequest {

    /** The request codes that share the protocol-version slot (major 1234, minors 5678–5680). */
    int SSL_REQUEST_CODE = 80877103;
    int GSSENC_REQUEST_CODE = 80877104;
    int CANCEL_REQUEST_CODE = 80877102;

    /** Complete wire bytes, length included. */
    byte[] encode();

    /**
     * Decodes a startup-phase body (the bytes after the length).
     *
     * <p>A protocol version with major 3 decodes as a {@link StartupMessage} whatever its minor: the message keeps the
     * requested version so the session can answer a minor above 0 with {@code NegotiateProtocolVersion}, as the
     * specification prescribes, instead of refusing it. Any other major is refused with SQLSTATE 0A000, worded as
     * PostgreSQL itself words it.
     *
     * @throws PgProtocolException for an unknown request code, an unsupported major version or a malformed body
     */
    static StartupPhaseMessage decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        int code = reader.int32();
        return switch (code) {
            case SSL_REQUEST_CODE -> {
                reader.expectEnd("SSLRequest");
                yield SslRequest.INSTANCE;
            }
            case GSSENC_REQUEST_CODE -> {
                reader.expectEnd("GSSENCRequest");
                yield GssEncRequest.INSTANCE;
            }
            case CANCEL_REQUEST_CODE -> CancelRequest.decodeAfterCode(reader);
            default -> {
                int major = code >>> 16;
                int minor = code & 0xFFFF;
                if (major != StartupMessage.MAJOR_VERSION) {
                    throw new PgProtocolException("0A000", "unsupported frontend protocol " + major + "." + minor
                            + ": server supports 3.0 to 3.0");
                }
                yield StartupMessage.decodeAfterVersion(code, reader);
            }
        };
    }
}
