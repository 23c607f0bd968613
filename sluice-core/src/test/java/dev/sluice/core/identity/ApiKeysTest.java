package dev.sluice.core.identity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import static dev.sluice.core.identity.TestTokens.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {

    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final SettableClock clock = new SettableClock(Instant.parse("2030-05-01T10:00:00Z"));
    private final ApiKeys apiKeys = new ApiKeys(store, clock);
    private final Authenticator authenticator = apiKeys.authenticator();

    @Test
    void createdKeyAuthenticatesAsItsSubject() throws Exception {
        IssuedApiKey issued = apiKeys.create("svc-etl", Set.of("etl", "readers"), Optional.empty());

        Identity identity = authenticator.authenticate(issued.key());

        assertThat(issued.key()).matches("slk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}");
        assertThat(issued.key()).startsWith("slk_" + issued.keyId() + "_");
        assertThat(identity).isEqualTo(new Identity("svc-etl", "svc-etl", Set.of("etl", "readers"),
                Identity.Proof.API_KEY, "sluice-api-key"));
    }

    @Test
    void storeKeepsOnlyTheHashOfTheSecret() throws Exception {
        IssuedApiKey issued = apiKeys.create("svc-etl", Set.of(), Optional.empty());
        String secret = issued.key().substring("slk_".length() + 12 + 1);

        ApiKeyRecord stored = store.find(issued.keyId()).orElseThrow();

        String expectedHash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        assertThat(stored.secretHash()).isEqualTo(expectedHash);
        assertThat(stored.toString()).doesNotContain(secret).doesNotContain(expectedHash);
        assertThat(issued.toString()).doesNotContain(secret);
        assertThat(stored.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void wrongSecretAndUnknownKeyGetTheSameAnswer() {
        IssuedApiKey issued = apiKeys.create("svc-etl", Set.of(), Optional.empty());
        String other = apiKeys.create("svc-other", Set.of(), Optional.empty()).key();
        String wrongSecret = issued.key().substring(0, 17) + other.substring(17);
        String unknownId = "slk_ZZZZZZZZZZZZ" + issued.key().substring(16);

        assertRefused(authenticator, wrongSecret, "API key is not valid");
        assertRefused(authenticator, unknownId, "API key is not valid");
    }

    @Test
    void revokedKeyIsRefused() {
        IssuedApiKey issued = apiKeys.create("svc-etl", Set.of(), Optional.empty());

        assertThat(apiKeys.revoke(issued.keyId())).isTrue();

        assertRefused(authenticator, issued.key(), "API key is revoked");
        assertThat(apiKeys.revoke("nosuchkey123")).isFalse();
    }

    @Test
    void keyIsAcceptedUntilItExpires() throws Exception {
        IssuedApiKey issued = apiKeys.create("svc-etl", Set.of(), Optional.of(Duration.ofHours(1)));
        assertThat(issued.record().expiresAt()).contains(clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(authenticator.authenticate(issued.key()).subject()).isEqualTo("svc-etl");

        clock.advance(Duration.ofMinutes(1));
        assertRefused(authenticator, issued.key(), "API key expired");
    }

    @Test
    void malformedKeysAreRefused() {
        IssuedApiKey issued = apiKeys.create("svc-etl", Set.of(), Optional.empty());

        assertRefused(authenticator, issued.key() + "x", "API key is malformed");
        assertRefused(authenticator, issued.key().substring(0, issued.key().length() - 1), "API key is malformed");
        assertRefused(authenticator, issued.key().replace("slk_" + issued.keyId() + "_", "slk_" + issued.keyId() + "."),
                "API key is malformed");
        assertRefused(authenticator, "slk_" + "!".repeat(56), "API key is malformed");
        assertRefused(authenticator, "", "no credential presented");
    }

    @Test
    void everyKeyHasItsOwnIdAndSecret() {
        IssuedApiKey a = apiKeys.create("svc", Set.of(), Optional.empty());
        IssuedApiKey b = apiKeys.create("svc", Set.of(), Optional.empty());

        assertThat(a.keyId()).isNotEqualTo(b.keyId());
        assertThat(a.key().substring(17)).isNotEqualTo(b.key().substring(17));
        assertThat(apiKeys.list()).hasSize(2);
    }

    /** A clock the test moves by hand, so expiry is decided by the test and not by waiting. */
    private static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
