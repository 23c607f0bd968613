package dev.sluice.postgres.session;

import java.io.BufferedInputStream;
import java.io.InputStream;

/**
 * A buffered stream that can say how many bytes it already holds without asking the socket. The relays decide
 * whether to flush after every message; {@link BufferedInputStream#available()} would make that a system call each
 * time, {@link #buffered()} is a subtraction.
 */
final class PeekableInputStream extends BufferedInputStream {

    PeekableInputStream(InputStream in, int size) {
        super(in, size);
    }

    /** Bytes read from the socket and not yet consumed: more of the peer's messages, here already. */
    int buffered() {
        return count - pos;
    }
}
