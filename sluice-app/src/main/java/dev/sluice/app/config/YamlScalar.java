package dev.sluice.app.config;

import java.util.Objects;

/**
 * A YAML scalar with the type YAML resolved for it. The text is kept as written so that string-valued keys
 * accept {@code 5432} or {@code true} literally, while integer and boolean keys insist on the YAML type.
 *
 * @param text     the scalar text ({@code "~"} or empty for null)
 * @param type     the type YAML resolved
 * @param location where the value starts
 */
record YamlScalar(String text, Type type, YamlLocation location) implements YamlNode {

    enum Type {
        STRING("a string"), INTEGER("an integer"), FLOAT("a decimal number"), BOOLEAN("a boolean"), NULL("nothing");

        private final String description;

        Type(String description) {
            this.description = description;
        }
    }

    YamlScalar {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
    }

    /** {@code key:} with nothing after it, {@code ~}, {@code null} or {@code ""}. */
    boolean isEmpty() {
        return type == Type.NULL || text.isEmpty();
    }

    @Override
    public String kind() {
        return isEmpty() ? "nothing" : type.description;
    }

    /** The text may be a secret: only the type and position are printed. */
    @Override
    public String toString() {
        return "YamlScalar[" + type + " at " + location.line() + ":" + location.column() + "]";
    }
}
