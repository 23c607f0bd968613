package dev.sluice.app.cli;

import dev.sluice.app.config.GatewayConfig;
import dev.sluice.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A subcommand that works on the configured store (audit log, sessions, API keys): it loads the configuration named
 * by {@code --config}, opens its store, runs, and closes the store whatever happens.
 */
abstract class StoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public final Integer call() {
        GatewayConfig loaded = config.loadWithoutUpstreamCredentials();
        checkConfig(loaded);
        try (Store store = ConfigOption.openStore(loaded)) {
            return run(store, spec.commandLine().getOut());
        }
    }

    /**
     * Refuses, with a {@link CliFailure}, a command the configuration makes pointless; runs before the store is
     * opened, so a refused command leaves nothing behind. Nothing to check by default.
     */
    void checkConfig(GatewayConfig loaded) {
    }

    /** @return the exit code */
    abstract int run(Store store, PrintWriter out);

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
