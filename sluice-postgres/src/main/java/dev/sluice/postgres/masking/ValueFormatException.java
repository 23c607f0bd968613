package dev.sluice.postgres.masking;

/**
 * A value could not be decoded from, or encoded to, a type's wire form. The message names the type and the fault,
 * never the value (it may be PHI).
 */
public final class ValueFormatException extends Exception {

    public ValueFormatException(String message) {
        super(message, null, false, false);
    }
}
