package dev.sluice.core.masking;

import java.util.Objects;

/**
 * Replaces the whole value by a fixed marker: {@value #DEFAULT_MARKER}, or one that says what was there
 * ({@code [SSN]}, {@code [NAME]}), which keeps a result readable without revealing anything. The marker is text:
 * a typed column (a date, a number) masked by it becomes a text column (see {@link ValueKind}).
 */
public record Redact(String marker) implements MaskStrategy {

    public static final String DEFAULT_MARKER = "***";
    public static final Redact DEFAULT = new Redact(DEFAULT_MARKER);

    public Redact {
        Objects.requireNonNull(marker, "marker");
    }

    @Override
    public String name() {
        return "redact";
    }

    @Override
    public boolean fits(ValueKind kind) {
        return kind == ValueKind.TEXT || kind == ValueKind.JSON;
    }
}
