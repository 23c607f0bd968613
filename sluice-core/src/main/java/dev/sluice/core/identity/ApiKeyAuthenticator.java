package dev.sluice.core.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies an API key ({@code slk_<keyId>_<secret>}) against the stored hash of its secret.
 *
 * <p>An unknown key id and a wrong secret get the same answer, so the answer tells a guesser nothing; whether a key
 * is revoked or expired is only said to someone who holds its secret.
 */
public final class ApiKeyAuthenticator implements Authenticator {

    public static final String ISSUER = "sluice-api-key";

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private static final String NOT_VALID = "API key is not valid";
    /** Compared against when the key id is unknown, so both paths do the same work. */
    private static final String NO_SUCH_HASH = ApiKeyFormat.hash("no such key");

    private final ApiKeyStore store;
    private final Clock clock;

    public ApiKeyAuthenticator(ApiKeyStore store) {
        this(store, Clock.systemUTC());
    }

    public ApiKeyAuthenticator(ApiKeyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Identity authenticate(String credential) throws AuthenticationException {
        if (credential == null || credential.isEmpty()) {
            throw new AuthenticationException("no credential presented");
        }
        ApiKeyFormat.Parsed key = ApiKeyFormat.parse(credential)
                .orElseThrow(() -> new AuthenticationException("API key is malformed"));
        Optional<ApiKeyRecord> found;
        try {
            found = store.find(key.keyId());
        } catch (RuntimeException e) {
            log.warn("API key store lookup failed: {}", e.toString());
            throw new AuthenticationException("API key store is unavailable", e);
        }
        String presentedHash = ApiKeyFormat.hash(key.secret());
        String storedHash = found.map(ApiKeyRecord::secretHash).orElse(NO_SUCH_HASH);
        boolean matches = MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII),
                storedHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (found.isEmpty() || !matches) {
            log.debug("API key {} refused: not valid", key.keyId());
            throw new AuthenticationException(NOT_VALID);
        }
        ApiKeyRecord record = found.get();
        if (record.revoked()) {
            log.debug("API key {} refused: revoked", key.keyId());
            throw new AuthenticationException("API key is revoked");
        }
        if (record.expiresAt().isPresent() && !clock.instant().isBefore(record.expiresAt().get())) {
            log.debug("API key {} refused: expired", key.keyId());
            throw new AuthenticationException("API key expired");
        }
        return new Identity(record.subject(), record.subject(), record.groups(), Identity.Proof.API_KEY, ISSUER);
    }
}
