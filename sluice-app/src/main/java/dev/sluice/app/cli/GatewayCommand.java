package dev.sluice.app.cli;

import dev.sluice.app.Gateway;
import dev.sluice.app.ProtocolRegistry;
import dev.sluice.app.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code sluice gateway --config FILE}: runs the gateway until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Run the gateway with a configuration file until stopped (SIGTERM drains sessions first).")
final class GatewayCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        GatewayConfig loaded = config.load();
        Gateway gateway = Gateway.start(loaded, ProtocolRegistry.standard());
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "sluice-shutdown"));
        gateway.awaitStopped();
        return 0;
    }
}
