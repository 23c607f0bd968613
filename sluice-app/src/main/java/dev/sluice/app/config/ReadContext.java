package dev.sluice.app.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What every section reader needs besides its own mapping.
 *
 * @param problems           where problems are collected
 * @param baseDir            directory of the configuration file; relative paths start here
 * @param secrets            resolves {@code ${env:...}} and {@code ${file:...}}
 * @param allowInlineSecrets whether literal passwords are tolerated ({@code allow_inline_secrets})
 * @param protocols          protocols this build speaks, for listeners and connection types
 */
record ReadContext(Problems problems, Path baseDir, SecretReferences secrets, boolean allowInlineSecrets,
                   List<String> protocols, ConfigLoader.Credentials credentials) {

    ReadContext {
        protocols = List.copyOf(protocols);
    }
}
