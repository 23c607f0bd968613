package dev.sluice.core.masking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Pseudo-random numbers determined by a key, a label and a value: block {@code j} is
 * {@code HMAC(subkey, label ‖ j ‖ value)}. The same inputs always give the same numbers; without the key they are
 * unpredictable. Not thread-safe: one per masked value.
 */
final class KeyStream {

    private final MaskingKey key;
    private final byte[] label;
    private final byte[] value;
    private byte[] block = new byte[0];
    private int position;
    private int counter;

    KeyStream(MaskingKey key, String label, String value) {
        this.key = key;
        this.label = label.getBytes(StandardCharsets.UTF_8);
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    /** A number in {@code [0, bound)}; 16 random bits per draw keep the modulo bias below 0.05% for small bounds. */
    int next(int bound) {
        if (position + 2 > block.length) {
            block = key.hmac(MaskingKey.PSEUDONYM_PURPOSE, label, ByteBuffer.allocate(4).putInt(counter++).array(), value);
            position = 0;
        }
        int bits = ((block[position] & 0xff) << 8) | (block[position + 1] & 0xff);
        position += 2;
        return bits % bound;
    }
}
