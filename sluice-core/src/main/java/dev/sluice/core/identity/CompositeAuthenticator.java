package dev.sluice.core.identity;

import java.util.Objects;

/**
 * The gateway's one authenticator: an API key ({@code slk_…}) goes to the API-key authenticator, anything else is
 * treated as a JWT. Surrounding whitespace is dropped first (a token pasted from a file often ends in a newline);
 * neither form contains whitespace of its own.
 */
public final class CompositeAuthenticator implements Authenticator {

    private final Authenticator apiKeys;
    private final Authenticator tokens;

    /**
     * @param apiKeys verifies {@code slk_} keys (usually an {@link ApiKeyAuthenticator})
     * @param tokens  verifies everything else (usually a {@link JwtAuthenticator})
     */
    public CompositeAuthenticator(Authenticator apiKeys, Authenticator tokens) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public Identity authenticate(String credential) throws AuthenticationException {
        String presented = credential == null ? "" : credential.strip();
        if (presented.isEmpty()) {
            throw new AuthenticationException("no credential presented");
        }
        return presented.startsWith(ApiKeyFormat.PREFIX)
                ? apiKeys.authenticate(presented)
                : tokens.authenticate(presented);
    }
}
