package dev.sluice.app.config;

/**
 * A node of the configuration tree that remembers where it was written. Jackson's {@code JsonNode} forgets
 * locations, so {@link YamlTreeReader} builds this tree from the parser's token stream instead: every error the
 * validator reports can then point at a line and column.
 */
sealed interface YamlNode permits YamlMapping, YamlSequence, YamlScalar {

    YamlLocation location();

    /** What the node is, for "expected X, got Y" messages; never its value (it may be a secret). */
    String kind();
}
