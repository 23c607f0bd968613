package dev.sluice.app.cli;

import dev.sluice.app.ProtocolRegistry;
import dev.sluice.app.config.ConfigException;
import dev.sluice.app.config.ConfigLoader;
import dev.sluice.app.config.GatewayConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sluice config check FILE}: validates a configuration without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with configuration files.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand extends CommandGroup {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a configuration file; every problem is reported as file:line:column: key: message.")
    static final class Check implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "Configuration file to check.")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                GatewayConfig config = ConfigLoader.load(file, System.getenv(),
                        ProtocolRegistry.standard().protocols());
                out.printf("%s: OK (%d listener(s), %d connection(s))%n", file, config.listeners().size(),
                        config.connections().size());
                return 0;
            } catch (ConfigException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(e.getMessage());
                err.println("sluice: " + file + " is not valid");
                return 1;
            }
        }
    }
}
