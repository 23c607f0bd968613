package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.ElasticOutputStream;
import dev.sluice.postgres.codec.PgFrame;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Writes a typed frame exactly as it came: type byte, length, body (no re-encoding, no copy of the body). */
final class Frames {

    private Frames() {
    }

    /** Splits a complete typed message (as the records' {@code encode()} return it) into a frame. */
    static PgFrame of(byte[] message) {
        return new PgFrame(message[0], Arrays.copyOfRange(message, 5, message.length));
    }

    static void write(OutputStream out, PgFrame frame) throws IOException {
        byte[] body = frame.body();
        if (out instanceof ElasticOutputStream elastic) {
            elastic.writeHeader(frame.type(), body.length); // straight into the buffer: no header array per frame
        } else {
            int length = body.length + 4;
            out.write(new byte[] {frame.type(), (byte) (length >>> 24), (byte) (length >>> 16),
                    (byte) (length >>> 8), (byte) length});
        }
        out.write(body);
    }
}
