package dev.sluice.app.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while reading one file, so that the user sees all of them at once. */
final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();

    void add(YamlLocation at, String path, String message) {
        found.add(new ConfigProblem(at.line(), at.column(), path, message));
    }

    void add(YamlNode at, String path, String message) {
        add(at.location(), path, message);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int count() {
        return found.size();
    }

    List<ConfigProblem> all() {
        return List.copyOf(found);
    }
}
