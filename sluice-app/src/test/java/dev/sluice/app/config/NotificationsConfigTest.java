package dev.sluice.app.config;

import dev.sluice.core.connection.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.sluice.app.config.TestConfigs.ENV;
import static dev.sluice.app.config.TestConfigs.FILE;
import static dev.sluice.app.config.TestConfigs.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code notifications.webhooks}: values, defaults, secrets, and errors with line and column. The section follows
 * {@link TestConfigs#MINIMAL} (18 lines), so {@code notifications:} is line 19:
 * <pre>
 * 19 notifications:               24     - name: audit-sink
 * 20   webhooks:                  25       url: https://sink.example.com/hooks?token=abc
 * 21     - name: slack-dba        26       secret: ${env:HOOK_SECRET}
 * 22       url: https://hooks…    27       timeout: 2s
 * 23       format: slack          28       max_attempts: 3
 * </pre>
 */
class NotificationsConfigTest {

    private static final String HOOK_SECRET = "Hk9-distinctive-hmac-key";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T0/B0/SlackPathSecret";
    private static final Map<String, String> HOOK_ENV = env(Map.of("HOOK_SECRET", HOOK_SECRET));

    private static final String WEBHOOKS = MINIMAL + """
            notifications:
              webhooks:
                - name: slack-dba
                  url: %s
                  format: slack
                - name: audit-sink
                  url: https://sink.example.com/hooks?token=abc
                  secret: ${env:HOOK_SECRET}
                  timeout: 2s
                  max_attempts: 3
            """.formatted(SLACK_URL);

    @Test
    void webhooksAreReadWithTheirSecretAndDefaults() throws ConfigException {
        NotificationsConfig notifications = load(WEBHOOKS).notifications();

        assertThat(notifications.webhooks()).extracting(WebhookConfig::name).containsExactly("slack-dba", "audit-sink");
        WebhookConfig slack = notifications.webhook("slack-dba").orElseThrow();
        assertThat(slack.url()).isEqualTo(URI.create(SLACK_URL));
        assertThat(slack.format()).isEqualTo(WebhookConfig.Format.SLACK);
        assertThat(slack.secret()).isEmpty();
        assertThat(slack.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(slack.maxAttempts()).isEqualTo(5);
        WebhookConfig sink = notifications.webhook("audit-sink").orElseThrow();
        assertThat(sink.format()).isEqualTo(WebhookConfig.Format.JSON);
        assertThat(sink.secret().map(Secret::reveal)).contains(HOOK_SECRET);
        assertThat(sink.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(sink.maxAttempts()).isEqualTo(3);
    }

    @Test
    void withoutTheSectionThereAreNoWebhooks() throws ConfigException {
        assertThat(load(MINIMAL).notifications().webhooks()).isEmpty();
    }

    @Test
    void toStringShowsNeitherTheSecretNorTheUrlsPath() throws ConfigException {
        String printed = load(WEBHOOKS).notifications().toString();

        assertThat(printed).contains("slack-dba", "https://hooks.slack.com", "secret=***")
                .doesNotContain(HOOK_SECRET, "SlackPathSecret", "token=abc");
    }

    @Test
    void duplicateAndMalformedNamesAreReportedWithLineAndColumn() {
        assertThat(problems(WEBHOOKS.replace("name: audit-sink", "name: slack-dba")))
                .isEqualTo("sluice.yaml:24:13: notifications.webhooks[1].name: duplicate webhook name 'slack-dba' "
                        + "(first used at line 21)");
        assertThat(problems(WEBHOOKS.replace("name: slack-dba", "name: Slack_DBA")))
                .isEqualTo("sluice.yaml:21:13: notifications.webhooks[0].name: 'Slack_DBA' is not allowed here: "
                        + "use lower-case letters, digits and '-'");
    }

    @Test
    void plainHttpIsRefusedExceptToLoopbackAndTheUrlIsNotQuoted() throws ConfigException {
        String message = problems(WEBHOOKS.replace(SLACK_URL, "http://hooks.example.com/services/SlackPathSecret"));

        assertThat(message).isEqualTo("sluice.yaml:22:12: notifications.webhooks[0].url: "
                + "plain http is allowed only to 127.0.0.1 or [::1]; use https");
        assertThat(load(WEBHOOKS.replace(SLACK_URL, "http://127.0.0.1:8080/hook")).notifications()
                .webhook("slack-dba").orElseThrow().url()).isEqualTo(URI.create("http://127.0.0.1:8080/hook"));
        assertThat(problems(WEBHOOKS.replace(SLACK_URL, "ftp://hooks.example.com/x")))
                .isEqualTo("sluice.yaml:22:12: notifications.webhooks[0].url: must be an https:// URL with a host");
        assertThat(problems(WEBHOOKS.replace(SLACK_URL, "https://user:pw@hooks.example.com/x")))
                .startsWith("sluice.yaml:22:12: notifications.webhooks[0].url: must not hold a user name or password");
    }

    @Test
    void theUrlMayBeASecretReference() throws ConfigException {
        Map<String, String> env = env(Map.of("HOOK_SECRET", HOOK_SECRET, "SLACK_URL", SLACK_URL));

        GatewayConfig config = ConfigLoader.fromString(WEBHOOKS.replace(SLACK_URL, "${env:SLACK_URL}"), FILE, env);

        assertThat(config.notifications().webhook("slack-dba").orElseThrow().url()).isEqualTo(URI.create(SLACK_URL));
    }

    @Test
    void jsonWebhooksNeedASecret() {
        assertThat(problems(WEBHOOKS.replace("      secret: ${env:HOOK_SECRET}\n", "")))
                .isEqualTo("sluice.yaml:24:7: notifications.webhooks[1].secret: is required for format json: "
                        + "receivers check each delivery's X-Sluice-Signature with it (use ${env:NAME} or ${file:PATH})");
    }

    @Test
    void aLiteralSecretIsRefusedWithoutQuotingItUnlessInlineSecretsAreAllowed() throws ConfigException {
        String literal = WEBHOOKS.replace("${env:HOOK_SECRET}", "literal-distinctive-key");

        String message = problems(literal);

        assertThat(message).isEqualTo("sluice.yaml:26:15: notifications.webhooks[1].secret: a secret written into "
                + "the configuration file is refused: use ${env:NAME} or ${file:PATH} "
                + "(allow_inline_secrets: true permits it, for tests and demos only)");
        assertThat(message).doesNotContain("literal-distinctive-key");
        assertThat(load("allow_inline_secrets: true\n" + literal).notifications().webhook("audit-sink").orElseThrow()
                .secret().map(Secret::reveal)).contains("literal-distinctive-key");
    }

    @Test
    void aMissingSecretVariableNamesTheVariable() {
        assertThat(problems(WEBHOOKS, ENV)).isEqualTo(
                "sluice.yaml:26:15: notifications.webhooks[1].secret: environment variable HOOK_SECRET is not set");
    }

    @Test
    void secretsAreLeftUnresolvedForCommandsThatDoNotSendNotifications(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, WEBHOOKS.replace(SLACK_URL, "${env:SLACK_URL}"));

        GatewayConfig config = ConfigLoader.load(file, ENV, ConfigLoader.DEFAULT_PROTOCOLS,
                ConfigLoader.Credentials.LEFT_UNRESOLVED);

        assertThat(config.notifications().webhooks()).hasSize(2);
    }

    @Test
    void formatTimeoutAndAttemptsAreChecked() {
        assertThat(problems(WEBHOOKS.replace("format: slack", "format: teams")))
                .isEqualTo("sluice.yaml:23:15: notifications.webhooks[0].format: unknown webhook format 'teams' "
                        + "(supported: slack, json)");
        assertThat(problems(WEBHOOKS.replace("timeout: 2s", "timeout: 5m")))
                .isEqualTo("sluice.yaml:27:16: notifications.webhooks[1].timeout: must be between 100ms and 1m");
        assertThat(problems(WEBHOOKS.replace("max_attempts: 3", "max_attempts: 0")))
                .isEqualTo("sluice.yaml:28:21: notifications.webhooks[1].max_attempts: must be between 1 and 20");
        assertThat(problems(WEBHOOKS.replace("max_attempts: 3", "retries: 3")))
                .startsWith("sluice.yaml:28:7: notifications.webhooks[1].retries: unknown key");
    }

    @Test
    void everyWrittenNameIsKnownToPoliciesEvenWhenItsWebhookHasAnotherProblem() {
        Problems problems = new Problems();
        YamlNode root = YamlTreeReader.read(WEBHOOKS.replace(SLACK_URL, "ftp://x"), problems).orElseThrow();
        MappingReader top = MappingReader.of(root, "", problems, GatewayConfigReader.TOP_KEYS).orElseThrow();
        ReadContext context = new ReadContext(problems, Path.of("."), new SecretReferences(HOOK_ENV, Path.of(".")),
                false, List.of("postgresql"), ConfigLoader.Credentials.RESOLVED);

        NotificationsSection.Result result = NotificationsSection.read(top, context);

        assertThat(result.config()).isEmpty();
        assertThat(result.webhookNames()).containsExactly("slack-dba", "audit-sink");
    }

    private static GatewayConfig load(String yaml) throws ConfigException {
        return ConfigLoader.fromString(yaml, FILE, HOOK_ENV);
    }

    private static String problems(String yaml) {
        return TestConfigs.problems(yaml, HOOK_ENV);
    }

    private static String problems(String yaml, Map<String, String> env) {
        return TestConfigs.problems(yaml, env);
    }

    private static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(ENV);
        env.putAll(extra);
        return Map.copyOf(env);
    }
}
