package dev.sluice.core.masking;

/** Replaces every value by SQL NULL: the only output that fits every type. */
public record NullValue() implements MaskStrategy {

    public static final NullValue INSTANCE = new NullValue();

    @Override
    public String name() {
        return "null";
    }

    @Override
    public boolean fits(ValueKind kind) {
        return true;
    }
}
