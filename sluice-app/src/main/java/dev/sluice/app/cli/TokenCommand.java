package dev.sluice.app.cli;

import dev.sluice.app.config.Durations;
import dev.sluice.app.config.GatewayConfig;
import dev.sluice.app.config.LocalIssuerConfig;
import dev.sluice.core.identity.LocalIssuer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sluice token issue}: mints a token from the gateway's local issuer. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Mint tokens from the local issuer.",
        subcommands = TokenCommand.Issue.class)
final class TokenCommand extends CommandGroup {

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Print a signed token for a user; clients send it as their database password.")
    static final class Issue implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Option(names = "--user", required = true, description = "Subject the token is for (e.g. alice@example.com).")
        String user;

        @Option(names = "--groups", split = ",", paramLabel = "G1,G2", description = "Groups to put in the token.")
        List<String> groups = List.of();

        @Option(names = "--ttl", defaultValue = "1h", converter = PositiveDuration.class,
                description = "Lifetime, e.g. 15m, 1h, 8h (default 1h).")
        Duration ttl;

        @Override
        public Integer call() throws Exception {
            GatewayConfig loaded = config.loadWithoutUpstreamCredentials();
            LocalIssuerConfig issuerConfig = loaded.identity().localIssuer();
            if (!issuerConfig.enabled()) {
                throw new CliFailure("the local issuer is disabled in " + loaded.file()
                        + " (identity.local_issuer.enabled: false)");
            }
            if (ttl.compareTo(issuerConfig.maxTtl()) > 0) {
                throw new CliFailure("--ttl " + Durations.format(ttl) + " exceeds identity.local_issuer.max_ttl ("
                        + Durations.format(issuerConfig.maxTtl()) + ")");
            }
            LocalIssuer issuer = LocalIssuer.open(loaded.dataDir(), issuerConfig.issuer(), issuerConfig.audience());
            spec.commandLine().getOut().println(issuer.issue(user, new LinkedHashSet<>(groups), ttl));
            return 0;
        }
    }
}
