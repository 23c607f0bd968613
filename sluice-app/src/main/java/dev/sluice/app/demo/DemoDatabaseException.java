package dev.sluice.app.demo;

/**
 * The demo database could not start, load or stop. The message is one sentence a person at a terminal can act
 * on; it never carries a password or a row value.
 */
public final class DemoDatabaseException extends RuntimeException {

    DemoDatabaseException(String message) {
        super(message);
    }

    DemoDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
