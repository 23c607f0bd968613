package dev.sluice.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The text form of an API key: {@code slk_<keyId>_<secret>}.
 *
 * <p>The key id is 12 characters from {@code [A-Za-z0-9]} (about 71 bits, enough to never collide, and public:
 * it is only a lookup handle). The secret is 32 bytes from {@link SecureRandom}, base64url without padding
 * (43 characters, which may themselves contain {@code _} and {@code -}); the parts are therefore read by
 * position, not by splitting on {@code _}.
 */
final class ApiKeyFormat {

    static final String PREFIX = "slk_";
    static final int KEY_ID_LENGTH = 12;
    static final int SECRET_BYTES = 32;
    static final int SECRET_LENGTH = 43;
    static final int KEY_LENGTH = PREFIX.length() + KEY_ID_LENGTH + 1 + SECRET_LENGTH;

    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key split into its lookup handle and its secret part. */
    record Parsed(String keyId, String secret) {
        @Override
        public String toString() {
            return "Parsed[keyId=" + keyId + "]";
        }
    }

    private ApiKeyFormat() {
    }

    static String newKeyId() {
        StringBuilder id = new StringBuilder(KEY_ID_LENGTH);
        for (int i = 0; i < KEY_ID_LENGTH; i++) {
            id.append(KEY_ID_ALPHABET.charAt(RANDOM.nextInt(KEY_ID_ALPHABET.length())));
        }
        return id.toString();
    }

    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String format(String keyId, String secret) {
        return PREFIX + keyId + "_" + secret;
    }

    static Optional<Parsed> parse(String key) {
        if (key == null || key.length() != KEY_LENGTH || !key.startsWith(PREFIX)
                || key.charAt(PREFIX.length() + KEY_ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String keyId = key.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH);
        String secret = key.substring(PREFIX.length() + KEY_ID_LENGTH + 1);
        if (!keyId.chars().allMatch(c -> KEY_ID_ALPHABET.indexOf(c) >= 0)
                || !secret.chars().allMatch(ApiKeyFormat::isBase64Url)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(keyId, secret));
    }

    /**
     * Hex SHA-256 of the secret's text. A fast hash is right here: the secret is 256 random bits, so there is no
     * dictionary to try and no brute force that a slow KDF (bcrypt, Argon2) would meaningfully slow down; slow
     * hashes exist to protect low-entropy human passwords, and would only add latency to every connection.
     */
    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
