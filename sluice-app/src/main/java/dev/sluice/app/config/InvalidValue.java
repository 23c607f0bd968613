package dev.sluice.app.config;

import java.util.Optional;

/**
 * Thrown by a {@link ValueParser} when a value is wrong; the reader turns it into a {@link ConfigProblem} at the
 * value's position. Carries no stack trace: it is control flow for validation, not a failure.
 */
final class InvalidValue extends Exception {

    private final transient YamlNode at;
    private final String pathSuffix;

    /** The whole value is wrong. */
    InvalidValue(String message) {
        this(message, null, "");
    }

    /** A part of the value is wrong, e.g. the second element of a list ({@code pathSuffix = "[1]"}). */
    InvalidValue(String message, YamlNode at, String pathSuffix) {
        super(message, null, false, false);
        this.at = at;
        this.pathSuffix = pathSuffix;
    }

    Optional<YamlNode> at() {
        return Optional.ofNullable(at);
    }

    String pathSuffix() {
        return pathSuffix;
    }
}
