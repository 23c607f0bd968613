package dev.sluice.app.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file. Messages never contain a secret value: they name the key, and at
 * most the (non-secret) value that was rejected.
 *
 * @param line    1-based line, 0 when the problem concerns the whole file
 * @param column  1-based column, 0 when unknown
 * @param path    key path such as {@code connections[0].target.port}; empty for file-level problems
 * @param message what is wrong and, where it helps, what would be right
 */
public record ConfigProblem(int line, int column, String path, String message) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code sluice.yaml:14:5: connections[0].target.port: must be between 1 and 65535}. */
    public String render(String file) {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ");
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
