package dev.sluice.store;

/**
 * The store could not be opened or could not answer. The message names the store (with its password
 * redacted) and the database's complaint, never a secret or stored content.
 */
public final class StoreException extends RuntimeException {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
