package dev.sluice.core.identity;

/**
 * Turns the credential a client presented (a JWT, an API key) into an {@link Identity}.
 *
 * <p>Protocol modules call this with whatever their wire format carries as a password; they never look
 * inside the credential themselves.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param credential the presented secret; implementations must never log it or put it in an exception text
     * @return the proven identity
     * @throws AuthenticationException when the credential does not prove an identity
     */
    Identity authenticate(String credential) throws AuthenticationException;
}
