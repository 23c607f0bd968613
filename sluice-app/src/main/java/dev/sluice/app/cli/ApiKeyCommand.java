package dev.sluice.app.cli;

import dev.sluice.core.identity.ApiKeyRecord;
import dev.sluice.core.identity.ApiKeys;
import dev.sluice.core.identity.IssuedApiKey;
import dev.sluice.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sluice apikey create|list|revoke}: API keys for service accounts and agents. */
@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage API keys for service accounts and agents.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (create, list or revoke)");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print it once; only its hash is stored.")
    static final class Create implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Option(names = "--user", required = true, description = "Subject the key authenticates as.")
        String user;

        @Option(names = "--groups", split = ",", paramLabel = "G1,G2", description = "Groups the key's identity gets.")
        List<String> groups = List.of();

        @Option(names = "--ttl", description = "Optional lifetime, e.g. 30d.")
        String ttl;

        @Override
        public Integer call() {
            try (Store store = config.openStore()) {
                IssuedApiKey issued = new ApiKeys(store.apiKeys()).create(user, new LinkedHashSet<>(groups),
                        Optional.ofNullable(ttl).map(Durations::parse));
                PrintWriter out = spec.commandLine().getOut();
                out.println(issued.key());
                spec.commandLine().getErr().println("key id " + issued.keyId()
                        + ": store the key now; Sluice keeps only its hash and cannot show it again");
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids and owners, never secrets).")
    static final class ListKeys implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            try (Store store = config.openStore()) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%-14s  %-28s  %-24s  %-24s  %s%n", "KEY ID", "SUBJECT", "GROUPS", "CREATED", "STATE");
                for (ApiKeyRecord key : store.apiKeys().list()) {
                    out.printf("%-14s  %-28s  %-24s  %-24s  %s%n", key.keyId(), key.subject(), String.join(",", key.groups()),
                            key.createdAt(), key.revoked() ? "revoked"
                                    : key.expiresAt().map(at -> "expires " + at).orElse("active"));
                }
                return 0;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key; it stops working at once.")
    static final class Revoke implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "KEY_ID")
        String keyId;

        @Override
        public Integer call() {
            try (Store store = config.openStore()) {
                if (!store.apiKeys().revoke(keyId)) {
                    throw new CliFailure("no API key with id " + keyId);
                }
                spec.commandLine().getOut().println("revoked " + keyId);
                return 0;
            }
        }
    }
}
