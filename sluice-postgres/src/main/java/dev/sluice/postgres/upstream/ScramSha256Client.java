package dev.sluice.postgres.upstream;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding (gs2 header {@code n,,}), as
 * PostgreSQL runs it: one instance per exchange, used in order {@link #clientFirstMessage()},
 * {@link #clientFinalMessage(byte[])}, {@link #verifyServerFinal(byte[])}.
 *
 * <p>PostgreSQL takes the user from the StartupMessage and ignores the SCRAM user name, so the connector sends an
 * empty one, as libpq does. The server's signature is checked before the exchange counts as done: a server that
 * does not know the password cannot pass for the real one.
 *
 * <p>Nothing here is printed: no {@code toString} exposes the password, the salted password or the proofs.
 */
final class ScramSha256Client {

    static final String MECHANISM = "SCRAM-SHA-256";
    private static final String GS2_HEADER = "n,,";
    /** PostgreSQL uses 4096; a server asking for absurd counts is refused rather than obeyed. */
    private static final int MAX_ITERATIONS = 10_000_000;

    private final String password;
    private final String clientFirstBare;
    private final String clientNonce;
    private byte[] expectedServerSignature;
    private boolean verified;

    ScramSha256Client(String password) {
        this("", password, newNonce());
    }

    /** For tests with fixed vectors: user name and nonce given. */
    ScramSha256Client(String username, String password, String clientNonce) {
        this.password = password;
        this.clientNonce = clientNonce;
        this.clientFirstBare = "n=" + escape(username) + ",r=" + clientNonce;
    }

    byte[] clientFirstMessage() {
        return (GS2_HEADER + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** Answers the server-first-message with the client-final-message carrying the proof. */
    byte[] clientFinalMessage(byte[] serverFirstMessage) throws UpstreamException {
        String serverFirst = new String(serverFirstMessage, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = -1;
        for (String attribute : serverFirst.split(",")) {
            if (attribute.length() < 2 || attribute.charAt(1) != '=') {
                throw malformed("server-first-message");
            }
            String value = attribute.substring(2);
            switch (attribute.charAt(0)) {
                case 'r' -> nonce = value;
                case 's' -> salt = decodeBase64(value, "salt");
                case 'i' -> iterations = parseIterations(value);
                case 'm' -> throw new UpstreamException("28000",
                        "upstream requires a SCRAM extension the gateway does not support");
                default -> {
                    // RFC 5802 reserves other attributes for extensions; unknown optional ones are ignored
                }
            }
        }
        if (nonce == null || salt == null || iterations < 0) {
            throw malformed("server-first-message");
        }
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new UpstreamException("08P01", "upstream SCRAM nonce does not extend the gateway's nonce");
        }
        String clientFinalWithoutProof = "c=" + Base64.getEncoder().encodeToString(
                GS2_HEADER.getBytes(StandardCharsets.US_ASCII)) + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof)
                .getBytes(StandardCharsets.UTF_8);

        byte[] saltedPassword = saltedPassword(SaslPrep.prepare(password), salt, iterations);
        byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
        expectedServerSignature = hmac(serverKey, authMessage);
        return (clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the server-final-message; afterwards {@link #verified()} is true. */
    void verifyServerFinal(byte[] serverFinalMessage) throws UpstreamException {
        if (expectedServerSignature == null) {
            throw new UpstreamException("08P01", "upstream sent SASLFinal before the SCRAM challenge");
        }
        String serverFinal = new String(serverFinalMessage, StandardCharsets.UTF_8);
        if (serverFinal.startsWith("e=")) {
            throw new UpstreamException("28000", "upstream rejected the SCRAM exchange: "
                    + serverFinal.substring(2).split(",")[0]);
        }
        if (!serverFinal.startsWith("v=")) {
            throw malformed("server-final-message");
        }
        byte[] signature = decodeBase64(serverFinal.substring(2).split(",")[0], "server signature");
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new UpstreamException("28000", "upstream SCRAM server signature is wrong: the server does not "
                    + "know the password, it may not be the configured server");
        }
        verified = true;
    }

    boolean verified() {
        return verified;
    }

    private static int parseIterations(String value) throws UpstreamException {
        int iterations;
        try {
            iterations = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw malformed("iteration count");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new UpstreamException("08P01", "upstream SCRAM iteration count " + iterations + " is out of range");
        }
        return iterations;
    }

    private static byte[] decodeBase64(String value, String what) throws UpstreamException {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw malformed(what);
        }
    }

    private static UpstreamException malformed(String what) {
        return new UpstreamException("08P01", "upstream sent a malformed SCRAM " + what);
    }

    /** RFC 5802 saslname: ',' and '=' are escaped. */
    private static String escape(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    private static String newNonce() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    private static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
