package dev.sluice.app.cli;

import dev.sluice.app.config.GatewayConfig;
import dev.sluice.core.identity.ApiKeyRecord;
import dev.sluice.core.identity.ApiKeys;
import dev.sluice.core.identity.IssuedApiKey;
import dev.sluice.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** {@code sluice apikey create|list|revoke}: API keys for service accounts and agents. */
@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage API keys for service accounts and agents.",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand extends CommandGroup {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a key and print it once; only its hash is stored.")
    static final class Create extends StoreCommand {

        @Option(names = "--user", required = true, description = "Subject the key authenticates as.")
        String user;

        @Option(names = "--groups", split = ",", paramLabel = "G1,G2", description = "Groups the key's identity gets.")
        List<String> groups = List.of();

        @Option(names = "--ttl", converter = PositiveDuration.class, description = "Optional lifetime, e.g. 30d.")
        Duration ttl;

        /** A key the gateway would refuse is a secret handed out for nothing. Listing and revoking stay possible. */
        @Override
        void checkConfig(GatewayConfig loaded) {
            if (!loaded.identity().apiKeysEnabled()) {
                throw new CliFailure("API keys are disabled in " + loaded.file()
                        + " (identity.api_keys.enabled: false); the gateway would refuse a new key");
            }
        }

        @Override
        int run(Store store, PrintWriter out) {
            IssuedApiKey issued = new ApiKeys(store.apiKeys()).create(user, new LinkedHashSet<>(groups),
                    Optional.ofNullable(ttl));
            out.println(issued.key());
            err().println("key id " + issued.keyId()
                    + ": store the key now; Sluice keeps only its hash and cannot show it again");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids and owners, never secrets).")
    static final class ListKeys extends StoreCommand {

        @Override
        int run(Store store, PrintWriter out) {
            out.printf("%-14s  %-28s  %-24s  %-24s  %s%n", "KEY ID", "SUBJECT", "GROUPS", "CREATED", "STATE");
            for (ApiKeyRecord key : store.apiKeys().list()) {
                out.printf("%-14s  %-28s  %-24s  %-24s  %s%n", key.keyId(), key.subject(), String.join(",", key.groups()),
                        key.createdAt(), key.revoked() ? "revoked"
                                : key.expiresAt().map(at -> "expires " + at).orElse("active"));
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key; it stops working at once.")
    static final class Revoke extends StoreCommand {

        @Parameters(paramLabel = "KEY_ID")
        String keyId;

        @Override
        int run(Store store, PrintWriter out) {
            if (!store.apiKeys().revoke(keyId)) {
                throw new CliFailure("no API key with id " + keyId);
            }
            out.println("revoked " + keyId);
            return 0;
        }
    }
}
