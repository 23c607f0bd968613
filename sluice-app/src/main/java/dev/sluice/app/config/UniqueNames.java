package dev.sluice.app.config;

import java.util.HashMap;
import java.util.Map;

/** Reports the second use of a name within one list (listeners, connections, issuers). */
final class UniqueNames {

    private final String what;
    private final Problems problems;
    private final Map<String, YamlLocation> firstUse = new HashMap<>();

    /** @param what the kind of name, for messages ("listener name") */
    UniqueNames(String what, Problems problems) {
        this.what = what;
        this.problems = problems;
    }

    /** Returns whether {@code name} was free; reports a duplicate otherwise. */
    boolean claim(String name, YamlNode at, String path) {
        YamlLocation first = firstUse.putIfAbsent(name, at.location());
        if (first == null) {
            return true;
        }
        problems.add(at, path, "duplicate " + what + " '" + name + "' (first used at line " + first.line() + ")");
        return false;
    }
}
