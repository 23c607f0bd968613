package dev.sluice.app.cli;

import dev.sluice.app.ProtocolRegistry;
import dev.sluice.app.StoreFiles;
import dev.sluice.app.config.ConfigException;
import dev.sluice.app.config.ConfigLoader;
import dev.sluice.app.config.GatewayConfig;
import dev.sluice.store.Store;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --config FILE} option shared by every command that needs the gateway's configuration. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "${env:SLUICE_CONFIG:-sluice.yaml}",
            description = "Gateway configuration file (default: $SLUICE_CONFIG or ./sluice.yaml).")
    Path file;

    /** Loads and validates the configuration; a problem becomes a {@link CliFailure} listing every error. */
    GatewayConfig load() {
        return load(ConfigLoader.Credentials.RESOLVED);
    }

    /**
     * For commands that never reach an upstream (store and token commands): everything is validated, but the
     * upstream passwords need not be resolvable on this machine.
     */
    GatewayConfig loadWithoutUpstreamCredentials() {
        return load(ConfigLoader.Credentials.LEFT_UNRESOLVED);
    }

    private GatewayConfig load(ConfigLoader.Credentials credentials) {
        if (!Files.exists(file)) {
            throw new CliFailure("configuration file " + file + " does not exist (pass --config FILE)");
        }
        try {
            return ConfigLoader.load(file, System.getenv(), ProtocolRegistry.standard().protocols(), credentials);
        } catch (ConfigException e) {
            throw new CliFailure(file + " is not valid:\n" + e.getMessage());
        }
    }

    /** Opens the store {@code loaded} names (for commands that read the audit log or manage API keys). */
    static Store openStore(GatewayConfig loaded) {
        try {
            return StoreFiles.open(loaded.store());
        } catch (IOException e) {
            throw new CliFailure("cannot create the store " + loaded.store().describe() + ": " + e.getMessage());
        }
    }
}
