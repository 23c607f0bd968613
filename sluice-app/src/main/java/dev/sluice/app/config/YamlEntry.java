package dev.sluice.app.config;

import java.util.Objects;

/**
 * One {@code key: value} pair of a mapping.
 *
 * @param key         the key text
 * @param keyLocation where the key is written (unknown-key errors point here)
 * @param value       the value node
 */
record YamlEntry(String key, YamlLocation keyLocation, YamlNode value) {

    YamlEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyLocation, "keyLocation");
        Objects.requireNonNull(value, "value");
    }
}
