package dev.sluice.core.masking;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret behind the keyed strategies ({@link HmacToken}, {@link Pseudonym}). Without it nobody can compute a
 * token or pseudonym for a guessed value, which is what makes them safe where an unkeyed hash of a nine-digit SSN
 * would be reversed by trying all 10⁹ values.
 *
 * <p>Each strategy uses its own subkey, derived as {@code HMAC-SHA256(key, purpose)}, so a token and a pseudonym
 * of the same value are unrelated. The key prints as {@code ***}; no message names it or its length.
 */
public final class MaskingKey {

    /** The least key length accepted: 256 bits, HMAC-SHA256's block-size security level. */
    public static final int MIN_BYTES = 32;

    static final String TOKEN_PURPOSE = "sluice/masking/token/v1";
    static final String PSEUDONYM_PURPOSE = "sluice/masking/pseudonym/v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final Map<String, Mac> prototypes = new ConcurrentHashMap<>();

    private MaskingKey(byte[] key) {
        this.key = key;
    }

    /**
     * A key from raw bytes.
     *
     * @throws IllegalArgumentException when shorter than {@value #MIN_BYTES} bytes (the message does not say how long)
     */
    public static MaskingKey of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException(tooShort());
        }
        return new MaskingKey(key.clone());
    }

    /** A key from configuration text: its UTF-8 bytes are the key (e.g. the output of {@code openssl rand -base64 32}). */
    public static MaskingKey fromText(String text) {
        Objects.requireNonNull(text, "text");
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A key that was deliberately not resolved (commands that never mask); using it throws. */
    public static MaskingKey unresolved() {
        return new MaskingKey(null);
    }

    /** The message for a key that is too short; names no part of it. */
    public static String tooShort() {
        return "the masking key must be at least " + MIN_BYTES + " bytes: use a random value such as the output of "
                + "'openssl rand -base64 32'";
    }

    /**
     * {@code HMAC-SHA256(subkey(purpose), parts…)}. Thread-safe: each call works on a clone of a keyed prototype,
     * which costs a copy of the MAC's state rather than a new key schedule.
     */
    byte[] hmac(String purpose, byte[]... parts) {
        Mac prototype = prototypes.computeIfAbsent(purpose, this::newMac);
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac(purpose); // a provider without cloning: slower, still correct
        }
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private Mac newMac(String purpose) {
        if (key == null) {
            throw new IllegalStateException("the masking key was not resolved for this command");
        }
        try {
            Mac master = Mac.getInstance(ALGORITHM);
            master.init(new SecretKeySpec(key, ALGORITHM));
            byte[] subkey = master.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(subkey, ALGORITHM));
            Arrays.fill(subkey, (byte) 0);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MaskingKey other)) {
            return false;
        }
        if (key == null || other.key == null) {
            return key == other.key;
        }
        return MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return 0; // deliberately uninformative
    }

    @Override
    public String toString() {
        return "MaskingKey[***]";
    }
}
