package dev.sluice.core.masking;

import java.util.Objects;
import java.util.Optional;

/**
 * One masking rule: the columns it names, optionally a place inside their JSON documents, and how to mask.
 *
 * @param label    how the audit log names the rule when it fires ({@code *.patients.ssn},
 *                 {@code phi-strict:*.*.dob}); never a value
 * @param columns  the columns
 * @param jsonPath where inside a json/jsonb (or JSON-holding text) column; empty masks the whole value
 * @param strategy how
 */
public record ColumnRule(String label, ColumnPattern columns, Optional<JsonPath> jsonPath, MaskStrategy strategy) {

    public ColumnRule {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(columns, "columns");
        jsonPath = jsonPath == null ? Optional.empty() : jsonPath;
        Objects.requireNonNull(strategy, "strategy");
    }

    /** A whole-column rule labelled by its pattern. */
    public static ColumnRule whole(String pattern, MaskStrategy strategy) {
        ColumnPattern columns = ColumnPattern.parse(pattern);
        return new ColumnRule(columns.toString(), columns, Optional.empty(), strategy);
    }

    /** A rule for a place inside JSON documents, labelled by its pattern and path. */
    public static ColumnRule inJson(String pattern, String jsonPath, MaskStrategy strategy) {
        ColumnPattern columns = ColumnPattern.parse(pattern);
        JsonPath path = JsonPath.parse(jsonPath);
        return new ColumnRule(columns + " " + path, columns, Optional.of(path), strategy);
    }

    /** The same rule under another label (a preset prefixes its name). */
    public ColumnRule labelled(String newLabel) {
        return new ColumnRule(newLabel, columns, jsonPath, strategy);
    }

    public boolean isWholeColumn() {
        return jsonPath.isEmpty();
    }
}
