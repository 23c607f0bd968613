package dev.sluice.core.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.sluice.core.identity.TestTokens.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

class CompositeAuthenticatorTest {

    @Test
    void apiKeysAndTokensEachReachTheirOwnAuthenticator(@TempDir Path dataDir) throws Exception {
        LocalIssuer issuer = LocalIssuer.open(dataDir);
        ApiKeys apiKeys = new ApiKeys(new InMemoryApiKeyStore());
        try (JwtAuthenticator tokens = new JwtAuthenticator(List.of(issuer.issuerSpec()))) {
            Authenticator composite = new CompositeAuthenticator(apiKeys.authenticator(), tokens);

            Identity fromKey = composite.authenticate(apiKeys.create("svc-etl", Set.of("etl"), Optional.empty()).key());
            Identity fromToken = composite.authenticate(issuer.issue("alice", Set.of("dba"), Duration.ofMinutes(5)));

            assertThat(fromKey.proof()).isEqualTo(Identity.Proof.API_KEY);
            assertThat(fromKey.subject()).isEqualTo("svc-etl");
            assertThat(fromToken.proof()).isEqualTo(Identity.Proof.LOCAL_TOKEN);
            assertThat(fromToken.subject()).isEqualTo("alice");
        }
    }

    @Test
    void surroundingWhitespaceIsIgnored() throws Exception {
        Identity key = new Identity("k", null, Set.of(), Identity.Proof.API_KEY, "sluice-api-key");
        Identity token = new Identity("t", null, Set.of(), Identity.Proof.OIDC_TOKEN, "idp");
        Authenticator composite = new CompositeAuthenticator(c -> key, c -> token);

        assertThat(composite.authenticate("  slk_abc\n")).isEqualTo(key);
        assertThat(composite.authenticate("eyJhbGciOi.x.y\n")).isEqualTo(token);
    }

    @Test
    void emptyCredentialIsRefusedBeforeAnyAuthenticatorRuns() {
        Authenticator neverCalled = c -> {
            throw new AssertionError("must not be called");
        };
        Authenticator composite = new CompositeAuthenticator(neverCalled, neverCalled);

        assertRefused(composite, "", "no credential presented");
        assertRefused(composite, "   ", "no credential presented");
        assertRefused(composite, null, "no credential presented");
    }
}
