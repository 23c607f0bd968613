package dev.sluice.core.masking;

/**
 * A value a rule applies to could not be decoded (a JSON column whose value is not JSON). The policy's
 * {@link MaskingPolicy.OnUndecodable} decides: NULL or deny. The message names no part of the value.
 */
public final class UndecodableValueException extends Exception {

    public UndecodableValueException(String message) {
        super(message, null, false, false);
    }
}
