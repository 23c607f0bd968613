package dev.sluice.app.config;

import java.util.List;
import java.util.Optional;

/** A YAML mapping, entries in file order, keys unique (the reader reports duplicates and keeps the first). */
record YamlMapping(List<YamlEntry> entries, YamlLocation location) implements YamlNode {

    YamlMapping {
        entries = List.copyOf(entries);
    }

    Optional<YamlEntry> entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    @Override
    public String kind() {
        return "a mapping";
    }
}
