package dev.sluice.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.sluice.app.config.TestConfigs.ENV;
import static dev.sluice.app.config.TestConfigs.MINIMAL;
import static dev.sluice.app.config.TestConfigs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Problems found before validation: the file itself, YAML syntax, and YAML features the loader refuses. */
class YamlSyntaxTest {

    @Test
    void syntaxErrorNamesTheLineOfTheProblem() {
        String message = problems(MINIMAL.replace("groups: [dev]", "groups: [dev"));

        assertThat(message).startsWith("sluice.yaml:19:1: invalid YAML: ");
        assertThat(message).contains("while parsing a flow sequence that started at line 18");
    }

    @Test
    void tabIndentationIsASyntaxErrorOnItsLine() {
        assertThat(problems(MINIMAL.replace("      port: 5432", "\tport: 5432")))
                .startsWith("sluice.yaml:11:1: invalid YAML: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void syntaxErrorNeverQuotesTheSourceLine() {
        String message = problems(MINIMAL.replace("password: ${env:CLINIC_DB_PASSWORD}",
                "password: \"unterminated-distinctive-value"));

        assertThat(message).doesNotContain("unterminated-distinctive-value");
        assertThat(message).startsWith("sluice.yaml:19:1: invalid YAML: found unexpected end of stream");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThat(problems(MINIMAL.replace("      port: 5432\n", "      port: 5432\n      port: 5433\n")))
                .isEqualTo("sluice.yaml:12:7: connections[0].target.port: duplicate key (first written at line 11)");
    }

    @Test
    void aliasesAreRefused() {
        assertThat(problems(MINIMAL.replace("groups: [dev]", "groups: &team [dev]\n      users: *team")))
                .isEqualTo("sluice.yaml:19:14: connections[0].access.users: YAML aliases (*team) are not supported; write the value out");
    }

    @Test
    void onlyOneDocumentIsAllowed() {
        assertThat(problems(MINIMAL + "---\naudit: {}\n"))
                .isEqualTo("sluice.yaml:20:1: only one YAML document is allowed (remove the '---' separator)");
    }

    @Test
    void emptyFileIsRefused() {
        assertThat(problems("# nothing but a comment\n")).isEqualTo("sluice.yaml: the file is empty");
    }

    @Test
    void topLevelMustBeAMapping() {
        assertThat(problems("- listeners\n- connections\n"))
                .isEqualTo("sluice.yaml:1:1: the file must be a mapping of sections (gateway:, listeners:, connections:, ...), got a list");
    }

    @Test
    void missingFileIsReportedWithItsName(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(missing, ENV));

        assertThat(e.getMessage()).isEqualTo(missing + ": no such file");
    }

    @Test
    void errorsInAFileOnDiskCarryItsPath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("gw.yaml"), MINIMAL.replace("port: 5432", "port: -1"));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, ENV));

        assertThat(e.getMessage()).isEqualTo(file + ":11:13: connections[0].target.port: must be between 1 and 65535");
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.column()).isEqualTo(13);
            assertThat(p.path()).isEqualTo("connections[0].target.port");
        });
    }

    @Test
    void yamlOneOneBooleanWordsStayStrings() throws ConfigException {
        GatewayConfig config = TestConfigs.load(MINIMAL.replace("groups: [dev]", "groups: [on, yes]"));

        assertThat(config.connections().getFirst().access().groups()).containsExactlyInAnyOrder("on", "yes");
    }
}
