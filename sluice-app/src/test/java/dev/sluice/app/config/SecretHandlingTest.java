package dev.sluice.app.config;

import dev.sluice.core.connection.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.sluice.app.config.TestConfigs.DB_PASSWORD;
import static dev.sluice.app.config.TestConfigs.ENV;
import static dev.sluice.app.config.TestConfigs.MINIMAL;
import static dev.sluice.app.config.TestConfigs.problems;
import static dev.sluice.app.config.TestConfigs.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Secret references resolve, literal secrets are refused, and no secret reaches a message or a toString. */
class SecretHandlingTest {

    private static final String INLINE = "hunter2-distinctive-inline";

    @Test
    void literalPasswordIsRefusedWithoutQuotingIt() {
        String message = problems(MINIMAL.replace("${env:CLINIC_DB_PASSWORD}", INLINE));

        assertThat(message).isEqualTo("sluice.yaml:16:17: connections[0].credentials.password: a password written into "
                + "the configuration file is refused: use ${env:NAME} or ${file:PATH} "
                + "(allow_inline_secrets: true permits it, for tests and demos only)");
        assertThat(message).doesNotContain(INLINE);
    }

    @Test
    void literalPasswordIsAcceptedWhenInlineSecretsAreAllowed() throws ConfigException {
        GatewayConfig config = TestConfigs.load("allow_inline_secrets: true\n" + MINIMAL.replace("${env:CLINIC_DB_PASSWORD}", INLINE));

        assertThat(config.allowInlineSecrets()).isTrue();
        assertThat(config.connections().getFirst().credentials().password().map(Secret::reveal)).contains(INLINE);
    }

    @Test
    void passwordMixingLiteralTextAndAReferenceCountsAsLiteral() {
        assertThat(problems(MINIMAL.replace("${env:CLINIC_DB_PASSWORD}", "prefix${env:CLINIC_DB_PASSWORD}")))
                .contains("connections[0].credentials.password: a password written into the configuration file is refused");
    }

    @Test
    void missingEnvironmentVariableNamesTheKeyAndTheVariable() {
        assertThat(problems(MINIMAL, Map.of())).isEqualTo(
                "sluice.yaml:16:17: connections[0].credentials.password: environment variable CLINIC_DB_PASSWORD is not set");
    }

    @Test
    void unknownReferenceKindIsRefused() {
        assertThat(problems(MINIMAL.replace("${env:CLINIC_DB_PASSWORD}", "${vault:db/clinic}"))).isEqualTo(
                "sluice.yaml:16:17: connections[0].credentials.password: unknown reference kind 'vault' "
                        + "(use ${env:NAME} or ${file:PATH})");
    }

    @Test
    void fileReferenceIsReadRelativeToTheConfigurationFileWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/pw"), "from-a-file\n");

        GatewayConfig config = ConfigLoader.fromString(MINIMAL.replace("${env:CLINIC_DB_PASSWORD}", "${file:secrets/pw}"),
                dir.resolve("sluice.yaml"), Map.of());

        assertThat(config.connections().getFirst().credentials().password().map(Secret::reveal)).contains("from-a-file");
    }

    @Test
    void unreadableSecretFileNamesTheFile(@TempDir Path dir) {
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.fromString(MINIMAL.replace("${env:CLINIC_DB_PASSWORD}", "${file:missing-pw}"),
                        dir.resolve("sluice.yaml"), Map.of()));

        assertThat(e.getMessage()).isEqualTo(dir.resolve("sluice.yaml") + ":16:17: connections[0].credentials.password: "
                + "secret file " + dir.resolve("missing-pw") + " does not exist");
    }

    @Test
    void storeUrlResolvesAReferenceInsideTheUrl() throws ConfigException {
        GatewayConfig config = TestConfigs.load(MINIMAL + "store: postgresql://sluice:${env:CLINIC_DB_PASSWORD}@db:6543/state\n");

        assertThat(config.store()).isInstanceOfSatisfying(StoreConfig.Postgres.class, pg -> {
            assertThat(pg.host()).isEqualTo("db");
            assertThat(pg.port()).isEqualTo(6543);
            assertThat(pg.database()).isEqualTo("state");
            assertThat(pg.password().map(Secret::reveal)).contains(DB_PASSWORD);
        });
        assertThat(config.store().url().reveal()).isEqualTo("postgresql://sluice:" + DB_PASSWORD + "@db:6543/state");
    }

    @Test
    void storeUrlWithALiteralPasswordIsRefusedWithoutQuotingIt() {
        String message = problems(MINIMAL + "store: postgresql://sluice:" + INLINE + "@db/state\n");

        assertThat(message).isEqualTo("sluice.yaml:19:8: store: the store URL holds a literal password: use ${env:NAME} "
                + "or ${file:PATH} (allow_inline_secrets: true permits it, for tests and demos only)");
        assertThat(message).doesNotContain(INLINE);
    }

    @Test
    void unsupportedStoreIsRefusedWithoutQuotingIt() {
        String message = problems(MINIMAL + "store: mysql://root:" + INLINE + "@db/state\n");

        assertThat(message).isEqualTo("sluice.yaml:19:8: store: unsupported store "
                + "(expected sqlite, sqlite:PATH or postgresql://USER:${env:PW}@HOST:PORT/DB)");
    }

    @Test
    void secretsNeverAppearInProblemMessages() {
        // Resolved secrets on both connections and the store, next to errors elsewhere in the file.
        String yaml = MINIMAL.replace("port: 5432", "port: 0")
                + "store: postgresql://sluice:${env:CLINIC_DB_PASSWORD}@:5432/state\n";

        String message = problems(yaml);

        assertThat(message).contains("connections[0].target.port", "store: the store URL has no host");
        assertThat(message).doesNotContain(DB_PASSWORD);
    }

    @Test
    void secretsNeverAppearInTheRecordsToString() throws ConfigException {
        GatewayConfig config = ConfigLoader.load(resource("full.yaml"), ENV);

        assertThat(config.toString())
                .doesNotContain(DB_PASSWORD)
                .doesNotContain("b1ll-distinctive-pw")
                .doesNotContain("st0re/distinctive@pw")
                .doesNotContain("st0re%2Fdistinctive%40pw")
                .contains("clinic", "***");
        assertThat(config.store().toString()).isEqualTo("Postgres[postgresql://sluice:***@store.internal:5432/sluice]");
        assertThat(config.store().url().toString()).isEqualTo("***");
    }
}
