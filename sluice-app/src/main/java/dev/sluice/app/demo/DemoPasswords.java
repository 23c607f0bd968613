package dev.sluice.app.demo;

import dev.sluice.core.connection.Secret;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh random passwords for the demo server's roles: 192 bits, URL-safe Base64, made anew on every run. */
final class DemoPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoPasswords() {
    }

    static Secret generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Secret.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
