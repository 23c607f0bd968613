package dev.sluice.postgres.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Spells out expected wire bytes the way the protocol documentation does: a String is its raw UTF-8 bytes (add
 * {@link #NUL} yourself), an Integer is one byte, {@link #int32(int)}/{@link #int16(int)} are big-endian fields.
 */
public final class SpecBytes {

    public static final byte[] NUL = {0};

    private SpecBytes() {
    }

    public static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            switch (part) {
                case String s -> out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                case Integer b -> out.write(b);
                case Character c -> out.write(c);
                case byte[] bytes -> out.writeBytes(bytes);
                default -> throw new IllegalArgumentException("unsupported part " + part);
            }
        }
        return out.toByteArray();
    }

    public static byte[] int32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    public static byte[] int16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    /** The body of a complete typed message (drops type byte and length). */
    public static byte[] bodyOf(byte[] typedMessage) {
        byte[] body = new byte[typedMessage.length - 5];
        System.arraycopy(typedMessage, 5, body, 0, body.length);
        return body;
    }

    /** The body of a complete untyped message (drops the length). */
    public static byte[] bodyOfUntyped(byte[] message) {
        byte[] body = new byte[message.length - 4];
        System.arraycopy(message, 4, body, 0, body.length);
        return body;
    }
}
