package dev.sluice.postgres.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds one PostgreSQL message: type byte, a length placeholder patched at {@link #toBytes()}, then fields.
 * Strings are written as UTF-8 C strings (the gateway speaks UTF-8 on both sides).
 */
public final class WireWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    private final int lengthOffset;

    private WireWriter(byte type) {
        if (type != PgFrame.UNTYPED) {
            out.write(type);
        }
        lengthOffset = out.size();
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(0);
    }

    /** Starts a typed message ({@code 'Q'}, {@code 'R'}…). */
    public static WireWriter message(char type) {
        return new WireWriter((byte) type);
    }

    /** Starts an untyped startup-phase message. */
    public static WireWriter untyped() {
        return new WireWriter(PgFrame.UNTYPED);
    }

    public WireWriter int8(int value) {
        out.write(value);
        return this;
    }

    public WireWriter int16(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public WireWriter int32(int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    public WireWriter cstring(String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    public WireWriter bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /** An Int16 count and the Int16 values (format codes). */
    public WireWriter int16s(List<Integer> values) {
        int16(values.size());
        values.forEach(this::int16);
        return this;
    }

    /** An Int16 count and each value as an Int32 length and its bytes; {@code null} is written as length -1. */
    public WireWriter values(List<byte[]> values) {
        int16(values.size());
        for (byte[] value : values) {
            if (value == null) {
                int32(-1);
            } else {
                int32(value.length).bytes(value);
            }
        }
        return this;
    }

    /** The finished message with its length filled in. */
    public byte[] toBytes() {
        byte[] bytes = out.toByteArray();
        int length = bytes.length - lengthOffset;
        bytes[lengthOffset] = (byte) (length >>> 24);
        bytes[lengthOffset + 1] = (byte) (length >>> 16);
        bytes[lengthOffset + 2] = (byte) (length >>> 8);
        bytes[lengthOffset + 3] = (byte) length;
        return bytes;
    }
}
