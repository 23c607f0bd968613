package dev.sluice.core.masking;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Replaces a value by a keyed token, {@code tok_} followed by 16 base32 characters (80 bits of
 * HMAC-SHA256 over the value's UTF-8 text under the token subkey of {@link MaskingKey}). The same value gives the
 * same token in every column, table and session, so masked results can still be joined and counted; without the key
 * a token cannot be computed for a guessed value, nor reversed. Never an unkeyed hash.
 *
 * <p>The token is of the exact text: {@code 123-45-6789} and {@code 123456789} give different tokens. 80 bits make
 * an accidental collision between a billion distinct values about a one-in-two-million event.
 */
public record HmacToken(MaskingKey key) implements MaskStrategy {

    public static final String PREFIX = "tok_";
    static final int TOKEN_CHARS = 16;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    public HmacToken {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String name() {
        return "hmac";
    }

    @Override
    public boolean fits(ValueKind kind) {
        return kind == ValueKind.TEXT || kind == ValueKind.JSON;
    }

    String token(String value) {
        byte[] mac = key.hmac(MaskingKey.TOKEN_PURPOSE, value.getBytes(StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder(PREFIX.length() + TOKEN_CHARS).append(PREFIX);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; out.length() < PREFIX.length() + TOKEN_CHARS; ) {
            if (bits < 5) {
                buffer = (buffer << 8) | (mac[i++] & 0xff);
                bits += 8;
            }
            out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
            bits -= 5;
        }
        return out.toString();
    }
}
