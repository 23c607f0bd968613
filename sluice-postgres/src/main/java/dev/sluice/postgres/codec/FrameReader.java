package dev.sluice.postgres.codec;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads whole frames from a stream with a hard upper bound on their size, so a hostile length prefix can't make
 * the gateway allocate gigabytes. Only frames; decoding the body is the message records' job.
 */
public final class FrameReader {

    private final DataInputStream in;
    private final int maxBodyBytes;

    /**
     * @param in           buffered input (the reader does small reads)
     * @param maxBodyBytes the largest body accepted; larger frames fail with SQLSTATE 54000
     */
    public FrameReader(InputStream in, int maxBodyBytes) {
        this.in = new DataInputStream(in);
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Reads a typed message ({@code type, int32 length, body}).
     *
     * @return the frame, or {@code null} on a clean end of stream before a type byte
     * @throws PgProtocolException for a bad length or a frame cut short
     */
    public PgFrame read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (type == 0) {
            throw PgProtocolException.violation("invalid message type 0x00");
        }
        return new PgFrame((byte) type, readBody());
    }

    /**
     * Reads an untyped startup-phase message ({@code int32 length, body}).
     *
     * @return the frame, or {@code null} on a clean end of stream before the length
     */
    public PgFrame readUntyped() throws IOException {
        in.mark(1);
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int rest = readIntAfter(first);
        return new PgFrame(PgFrame.UNTYPED, readBodyOfLength(rest));
    }

    private byte[] readBody() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw PgProtocolException.violation("message truncated in its length field");
        }
        return readBodyOfLength(length);
    }

    private int readIntAfter(int firstByte) throws IOException {
        try {
            int b2 = in.readUnsignedByte();
            int b3 = in.readUnsignedByte();
            int b4 = in.readUnsignedByte();
            return (firstByte << 24) | (b2 << 16) | (b3 << 8) | b4;
        } catch (EOFException e) {
            throw PgProtocolException.violation("message truncated in its length field");
        }
    }

    private byte[] readBodyOfLength(int length) throws IOException {
        if (length < 4) {
            throw PgProtocolException.violation("invalid message length " + length);
        }
        int bodyLength = length - 4;
        if (bodyLength > maxBodyBytes) {
            throw new PgProtocolException("54000",
                    "message of " + bodyLength + " bytes exceeds the gateway's limit of " + maxBodyBytes + " bytes");
        }
        byte[] body = new byte[bodyLength];
        try {
            in.readFully(body);
        } catch (EOFException e) {
            throw PgProtocolException.violation("message truncated: expected " + bodyLength + " body bytes");
        }
        return body;
    }
}
