package dev.sluice.core.masking;

/** Keys for the masking tests: fixed, so results are reproducible, and obviously not production keys. */
final class TestKeys {

    static final MaskingKey KEY = MaskingKey.fromText("test-key-0123456789-abcdefghijklmnopqrstuvwxyz");
    static final MaskingKey OTHER_KEY = MaskingKey.fromText("another-test-key-9876543210-zyxwvutsrqponmlkjih");

    private TestKeys() {
    }
}
