package dev.sluice.app.config;

import java.util.List;

/** A YAML sequence (list). */
record YamlSequence(List<YamlNode> items, YamlLocation location) implements YamlNode {

    YamlSequence {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "a list";
    }
}
