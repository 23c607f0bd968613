package dev.sluice.app.config;

/**
 * A position in the configuration file, 1-based as editors show it.
 *
 * @param line   line number, 1-based; 0 when a problem concerns the whole file
 * @param column column number, 1-based; 0 when unknown
 */
record YamlLocation(int line, int column) {

    /** For problems that belong to the file as a whole (unreadable, empty). */
    static final YamlLocation FILE = new YamlLocation(0, 0);
}
