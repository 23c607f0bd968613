package dev.sluice.postgres.upstream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The answer to AuthenticationMD5Password: {@code "md5" + md5hex(md5hex(password + user) + salt)}, where the inner
 * hash is what PostgreSQL stores and the salt makes each exchange different.
 */
final class Md5PasswordHash {

    private Md5PasswordHash() {
    }

    static String answer(String user, String password, byte[] salt) {
        String stored = md5Hex(concat(password.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8)));
        return "md5" + md5Hex(concat(stored.getBytes(StandardCharsets.US_ASCII), salt));
    }

    private static String md5Hex(byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
