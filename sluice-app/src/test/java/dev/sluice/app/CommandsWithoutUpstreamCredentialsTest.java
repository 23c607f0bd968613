package dev.sluice.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An auditor reads the audit log on a machine that does not hold the database passwords: the commands that only
 * read the store or sign tokens work without them, while the gateway's own check still demands them.
 */
class CommandsWithoutUpstreamCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void storeAndTokenCommandsNeedNoUpstreamPasswordButConfigCheckDoes() throws Exception {
        Path config = GatewayConfigFile.write(dir, "");
        Files.delete(dir.resolve("upstream-password")); // the ${file:upstream-password} cannot be resolved here

        CliRun verify = CliRun.of("audit", "verify", "--config", config.toString());
        CliRun sessions = CliRun.of("sessions", "list", "--config", config.toString());
        CliRun token = CliRun.of("token", "issue", "--config", config.toString(), "--user", "auditor@example.com");
        CliRun check = CliRun.of("config", "check", config.toString());

        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("audit chain intact");
        assertThat(sessions.exitCode()).as(sessions.err()).isZero();
        assertThat(sessions.out()).contains("no sessions recorded yet");
        assertThat(token.exitCode()).as(token.err()).isZero();
        assertThat(token.out().trim()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.err()).contains("connections[0].credentials.password").contains("upstream-password");
    }

    @Test
    void anInlinePasswordIsStillRefusedByTheStoreCommands() throws Exception {
        Path config = GatewayConfigFile.write(dir, "");
        Files.writeString(config, Files.readString(config).replace("\"${file:upstream-password}\"", "hunter2"));

        CliRun sessions = CliRun.of("sessions", "list", "--config", config.toString());

        assertThat(sessions.exitCode()).isNotZero();
        assertThat(sessions.err()).contains("a password written into the configuration file is refused")
                .doesNotContain("hunter2");
    }
}
