package dev.sluice.core.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates, lists and revokes API keys for service accounts and agents.
 *
 * <p>The full key exists only in the value {@link #create} returns; the store keeps a SHA-256 hash of the secret
 * part, so a leaked database yields no usable key.
 */
public final class ApiKeys {

    private final ApiKeyStore store;
    private final Clock clock;

    public ApiKeys(ApiKeyStore store) {
        this(store, Clock.systemUTC());
    }

    public ApiKeys(ApiKeyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param ttl how long the key stays valid; empty for a key that lives until revoked
     * @return the full key (shown once) and the stored record
     */
    public IssuedApiKey create(String subject, Set<String> groups, Optional<Duration> ttl) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(ttl, "ttl");
        ttl.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("API key lifetime must be positive");
            }
        });
        Instant now = clock.instant();
        String keyId = ApiKeyFormat.newKeyId();
        String secret = ApiKeyFormat.newSecret();
        ApiKeyRecord record = new ApiKeyRecord(keyId, subject, groups, ApiKeyFormat.hash(secret), now,
                ttl.map(now::plus), false);
        store.save(record);
        return new IssuedApiKey(ApiKeyFormat.format(keyId, secret), record);
    }

    /** @return true when a key with that id existed */
    public boolean revoke(String keyId) {
        return store.revoke(keyId);
    }

    public List<ApiKeyRecord> list() {
        return store.list();
    }

    /** An authenticator over the same store and clock. */
    public ApiKeyAuthenticator authenticator() {
        return new ApiKeyAuthenticator(store, clock);
    }
}
