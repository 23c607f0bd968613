package dev.sluice.core.approval;

import java.security.SecureRandom;

/**
 * Ids people read aloud, paste into a CLI and put in URLs: a prefix naming what it is ({@code apr_} for approval
 * requests, {@code grt_} for access grants) and 12 characters of lower-case base32 ({@code a-z2-7}, no look-alike
 * digits 0, 1, 8, 9) from {@link SecureRandom}. 60 random bits: nobody guesses another request's id, and ids never
 * collide in practice.
 */
final class ApprovalIds {

    static final String REQUEST_PREFIX = "apr_";
    static final String GRANT_PREFIX = "grt_";
    static final int RANDOM_LENGTH = 12;

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApprovalIds() {
    }

    static String newRequestId() {
        return REQUEST_PREFIX + random();
    }

    static String newGrantId() {
        return GRANT_PREFIX + random();
    }

    private static String random() {
        char[] id = new char[RANDOM_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
