package dev.sluice.postgres.gateway;

import dev.sluice.core.identity.AuthenticationException;
import dev.sluice.core.identity.Authenticator;
import dev.sluice.core.identity.Identity;

import java.util.Set;

/** Fixed tokens: {@code token-alice} is alice (group dev), {@code token-bob} is bob (group ops); nothing else is. */
public final class TestIdentities implements Authenticator {

    public static final String ALICE_TOKEN = "token-alice";
    public static final String BOB_TOKEN = "token-bob";

    @Override
    public Identity authenticate(String credential) throws AuthenticationException {
        return switch (credential) {
            case ALICE_TOKEN -> new Identity("alice", "Alice", Set.of("dev"), Identity.Proof.LOCAL_TOKEN, "test");
            case BOB_TOKEN -> new Identity("bob", "Bob", Set.of("ops"), Identity.Proof.LOCAL_TOKEN, "test");
            default -> throw new AuthenticationException("token not recognised");
        };
    }
}
