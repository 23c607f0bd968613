package dev.sluice.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice apikey} against a configuration that turns API keys off. */
class ApiKeyCliTest {

    private static final String KEYS_ON = "identity:\n  api_keys:\n    enabled: true\n";
    private static final String KEYS_OFF = "identity:\n  api_keys:\n    enabled: false\n";

    @TempDir
    Path dir;

    @Test
    void createIsRefusedWhenTheGatewayWouldRefuseTheKey() throws Exception {
        Path config = GatewayConfigFile.write(dir, KEYS_OFF);

        CliRun create = CliRun.of("apikey", "create", "--config", config.toString(), "--user", "agent-7");

        assertThat(create.exitCode()).isEqualTo(1);
        assertThat(create.out()).isEmpty();
        assertThat(create.err()).isEqualTo("sluice: API keys are disabled in " + config
                + " (identity.api_keys.enabled: false); the gateway would refuse a new key" + System.lineSeparator());
        assertThat(dir.resolve("data/sluice.db")).as("a refused command leaves no store behind").doesNotExist();
    }

    @Test
    void keysMadeBeforeApiKeysWereTurnedOffCanStillBeListedAndRevoked() throws Exception {
        Path config = GatewayConfigFile.write(dir, KEYS_ON);
        CliRun created = CliRun.of("apikey", "create", "--config", config.toString(), "--user", "agent-7");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String keyId = created.out().trim().split("_")[1];

        GatewayConfigFile.write(dir, KEYS_OFF);
        CliRun listed = CliRun.of("apikey", "list", "--config", config.toString());
        CliRun revoked = CliRun.of("apikey", "revoke", "--config", config.toString(), keyId);

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(keyId).contains("agent-7");
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out().trim()).isEqualTo("revoked " + keyId);
    }
}
