package dev.sluice.core.identity;

/**
 * A credential did not prove an identity. The message is safe to show to the client and to log: it names
 * what was wrong ("token expired", "signature does not verify") and never contains the credential.
 */
public final class AuthenticationException extends Exception {

    public AuthenticationException(String safeReason) {
        super(safeReason);
    }

    public AuthenticationException(String safeReason, Throwable cause) {
        super(safeReason, cause);
    }
}
