package dev.sluice.app.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parsers for plain values. Integer and boolean keys insist on the YAML type ({@code port: "5432"} is an
 * error, with a hint); string keys accept any scalar as written.
 */
final class Values {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

    private Values() {
    }

    /** The scalar under {@code node}, which must be present and not empty. */
    static YamlScalar scalar(YamlNode node, String expected) throws InvalidValue {
        if (!(node instanceof YamlScalar scalar)) {
            throw new InvalidValue("expected " + expected + ", got " + node.kind());
        }
        if (scalar.isEmpty()) {
            throw new InvalidValue("must not be empty");
        }
        return scalar;
    }

    /**
     * A non-empty string. Secret references are refused here: they are resolved only where a secret belongs, and
     * a {@code ${env:...}} left unresolved in a host name would fail much later and much less clearly.
     */
    static ValueParser<String> string() {
        return node -> {
            String text = scalar(node, "a string").text();
            if (SecretReferences.containsReference(text)) {
                throw new InvalidValue("${...} references are only resolved in credentials.password, store, "
                        + "a webhook's url and secret, and masking.key");
            }
            return text;
        };
    }

    /** A string matching {@code pattern}; {@code rule} says in words what is allowed. */
    static ValueParser<String> matching(Pattern pattern, String rule) {
        return string().then(text -> {
            if (!pattern.matcher(text).matches()) {
                throw new InvalidValue("'" + text + "' is not allowed here: " + rule);
            }
            return text;
        });
    }

    /** One of a fixed set of words; {@code what} names the kind of thing ("protocol", "TLS mode"). */
    static ValueParser<String> oneOf(String what, List<String> allowed) {
        return string().then(text -> {
            if (!allowed.contains(text)) {
                throw new InvalidValue("unknown " + what + " '" + text + "' (supported: " + String.join(", ", allowed) + ")");
            }
            return text;
        });
    }

    static ValueParser<Integer> integer(int min, int max) {
        return node -> {
            YamlScalar scalar = scalar(node, "an integer");
            if (scalar.type() != YamlScalar.Type.INTEGER) {
                String hint = scalar.type() == YamlScalar.Type.STRING && DECIMAL.matcher(scalar.text()).matches()
                        ? " (remove the quotes)" : "";
                throw new InvalidValue("expected an integer, got " + scalar.kind() + hint);
            }
            if (!DECIMAL.matcher(scalar.text()).matches()) {
                throw new InvalidValue("'" + scalar.text() + "' must be written as a decimal integer");
            }
            long value;
            try {
                value = Long.parseLong(scalar.text());
            } catch (NumberFormatException e) {
                value = scalar.text().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            if (value < min || value > max) {
                throw new InvalidValue("must be between " + min + " and " + max);
            }
            return (int) value;
        };
    }

    static ValueParser<Boolean> bool() {
        return node -> {
            YamlScalar scalar = scalar(node, "true or false");
            if (scalar.type() != YamlScalar.Type.BOOLEAN) {
                throw new InvalidValue("expected true or false, got " + scalar.kind());
            }
            return Boolean.parseBoolean(scalar.text());
        };
    }

    /** A path; relative paths are taken relative to {@code baseDir}, the directory of the configuration file. */
    static ValueParser<Path> path(Path baseDir) {
        return string().then(text -> {
            try {
                return baseDir.resolve(text).normalize();
            } catch (InvalidPathException e) {
                throw new InvalidValue("'" + text + "' is not a valid path");
            }
        });
    }

    /** A path to a regular file the gateway can read now, so that a typo fails at startup and not at first use. */
    static ValueParser<Path> readableFile(Path baseDir) {
        return path(baseDir).then(file -> {
            if (!Files.exists(file)) {
                throw new InvalidValue("file " + file + " does not exist");
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidValue(file + " is not a regular file");
            }
            if (!Files.isReadable(file)) {
                throw new InvalidValue("file " + file + " is not readable by this process");
            }
            return file;
        });
    }
}
