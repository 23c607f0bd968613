package dev.sluice.app.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sluice.app.config.TestConfigs.ENV;
import static dev.sluice.app.config.TestConfigs.FILE;
import static dev.sluice.app.config.TestConfigs.MINIMAL;
import static dev.sluice.app.config.TestConfigs.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each kind of mistake is reported with the file, line, column and key path (line numbers: see {@link TestConfigs#MINIMAL}). */
class ConfigErrorsTest {

    @Test
    void portOutOfRangeNamesLineColumnAndKeyPath() {
        assertThat(problems(MINIMAL.replace("port: 5432", "port: 70000")))
                .isEqualTo("sluice.yaml:11:13: connections[0].target.port: must be between 1 and 65535");
    }

    @Test
    void unknownKeyIsAnErrorWithASuggestion() {
        assertThat(problems("gateway:\n  shutdown_graze: 10s\n" + MINIMAL))
                .isEqualTo("sluice.yaml:2:3: gateway.shutdown_graze: unknown key (did you mean 'shutdown_grace'?)");
    }

    @Test
    void misspeltRequiredKeyIsReportedBothAsUnknownAndAsMissing() {
        assertThat(problems(MINIMAL.replace("database: clinic", "databse: clinic")).lines()).containsExactly(
                "sluice.yaml:10:7: connections[0].target.database: is required",
                "sluice.yaml:12:7: connections[0].target.databse: unknown key (did you mean 'database'?)");
    }

    @Test
    void unknownKeyWithoutACloseMatchListsTheKnownKeys() {
        assertThat(problems("audit:\n  retention: 90d\n" + MINIMAL))
                .isEqualTo("sluice.yaml:2:3: audit.retention: unknown key (expected one of: fail_closed)");
    }

    @Test
    void separatorAndCaseVariantsOfAKeyAreRecognised() {
        assertThat(problems("gateway:\n  dataDir: /tmp/x\n" + MINIMAL))
                .isEqualTo("sluice.yaml:2:3: gateway.dataDir: unknown key (did you mean 'data_dir'?)");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThat(problems(MINIMAL.replace("port: 5432", "port: \"5432\"")))
                .isEqualTo("sluice.yaml:11:13: connections[0].target.port: expected an integer, got a string (remove the quotes)");
        assertThat(problems(MINIMAL.replace("groups: [dev]", "groups: {dev: true}")))
                .isEqualTo("sluice.yaml:18:15: connections[0].access.groups: expected a value or a list, got a mapping");
        assertThat(problems("audit:\n  fail_closed: yes\n" + MINIMAL))
                .isEqualTo("sluice.yaml:2:16: audit.fail_closed: expected true or false, got a string");
        assertThat(problems("admin: 127.0.0.1:9090\n" + MINIMAL))
                .isEqualTo("sluice.yaml:1:8: admin: expected a mapping, got a string");
        assertThat(problems("listeners: pg\nconnections: []\n").lines()).containsExactly(
                "sluice.yaml:1:12: listeners: expected a list, got a string",
                "sluice.yaml:2:14: connections: at least one connection is required");
    }

    @Test
    void badDurationsExplainTheFormat() {
        assertThat(problems("gateway:\n  shutdown_grace: 30 seconds\n" + MINIMAL)).isEqualTo(
                "sluice.yaml:2:19: gateway.shutdown_grace: '30 seconds' is not a duration "
                        + "(use a number and a unit: 500ms, 30s, 5m, 1h or 1d)");
        assertThat(problems("gateway:\n  limits:\n    idle_timeout: 30\n" + MINIMAL)).isEqualTo(
                "sluice.yaml:3:19: gateway.limits.idle_timeout: '30' needs a unit "
                        + "(use a number and a unit: 500ms, 30s, 5m, 1h or 1d)");
    }

    @Test
    void badSizesExplainTheFormatAndTheBounds() {
        assertThat(problems("gateway:\n  limits:\n    max_message_size: 64MB\n" + MINIMAL)).isEqualTo(
                "sluice.yaml:3:23: gateway.limits.max_message_size: '64MB' is not a size "
                        + "(use bytes or a binary unit: 1024, 512KiB, 64MiB, 1GiB)");
        assertThat(problems("gateway:\n  limits:\n    max_message_size: 512\n" + MINIMAL)).isEqualTo(
                "sluice.yaml:3:23: gateway.limits.max_message_size: must be between 1KiB and 1GiB");
    }

    @Test
    void missingRequiredKeyPointsAtItsSection() {
        assertThat(problems(MINIMAL.replace("      host: 127.0.0.1\n", "")))
                .isEqualTo("sluice.yaml:10:7: connections[0].target.host: is required");
        assertThat(problems(MINIMAL.replace("      username: sluice_app\n", "")))
                .isEqualTo("sluice.yaml:15:7: connections[0].credentials.username: is required");
    }

    @Test
    void listenersAndConnectionsAreRequired() {
        assertThat(problems("audit:\n  fail_closed: false\n").lines()).containsExactly(
                "sluice.yaml:1:1: listeners: at least one listener is required",
                "sluice.yaml:1:1: connections: at least one connection is required");
    }

    @Test
    void duplicateNamesAreRefused() {
        String yaml = MINIMAL.replace("connections:\n", """
                  - name: pg
                    protocol: postgresql
                    listen: 127.0.0.1:6433
                connections:
                  - name: clinic
                    type: postgresql
                    listener: pg
                    target: {host: db2, database: clinic, tls: disable}
                    credentials: {username: app}
                    access: {users: [bob]}
                """);
        assertThat(problems(yaml).lines()).containsExactly(
                "sluice.yaml:5:11: listeners[1].name: duplicate listener name 'pg' (first used at line 2)",
                "sluice.yaml:15:11: connections[1].name: duplicate connection name 'clinic' (first used at line 9)");
    }

    @Test
    void connectionNamingAnUnknownListenerIsRefused() {
        assertThat(problems(MINIMAL.replace("listener: pg", "listener: pgx")))
                .isEqualTo("sluice.yaml:8:15: connections[0].listener: unknown listener 'pgx' (defined: pg)");
    }

    @Test
    void listenerWithABadNameIsNotReportedAgainAsUnknown() {
        assertThat(problems(MINIMAL.replace("name: pg", "name: PG").replace("listener: pg", "listener: PG")))
                .isEqualTo("sluice.yaml:2:11: listeners[0].name: 'PG' is not allowed here: use lower-case letters, digits and '-'");
    }

    @Test
    void connectionTypeMustMatchItsListener() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.fromString(
                MINIMAL.replace("type: postgresql", "type: mysql"), FILE, ENV, List.of("postgresql", "mysql")));

        assertThat(e.getMessage()).isEqualTo(
                "sluice.yaml:7:11: connections[0].type: type 'mysql' does not match listener 'pg', which speaks postgresql");
    }

    @Test
    void unsupportedProtocolNamesTheSupportedOnes() {
        assertThat(problems(MINIMAL.replace("protocol: postgresql", "protocol: mysql")))
                .isEqualTo("sluice.yaml:3:15: listeners[0].protocol: unknown protocol 'mysql' (supported: postgresql)");
    }

    @Test
    void twoListenersMayNotShareAnAddress() {
        String yaml = MINIMAL.replace("connections:\n", """
                  - name: pg-all
                    protocol: postgresql
                    listen: 0.0.0.0:6432
                connections:
                """);
        assertThat(problems(yaml))
                .isEqualTo("sluice.yaml:7:13: listeners[1].listen: 0.0.0.0:6432 is already used by listener 'pg'");
        assertThat(problems("admin:\n  listen: 127.0.0.1:6432\n" + MINIMAL))
                .isEqualTo("sluice.yaml:2:11: admin.listen: 127.0.0.1:6432 is already used by listener 'pg'");
    }

    @Test
    void badListenAddressesSayWhy() {
        assertThat(problems(MINIMAL.replace("127.0.0.1:6432", "6432")))
                .isEqualTo("sluice.yaml:4:13: listeners[0].listen: '6432' is not host:port (e.g. 127.0.0.1:6432)");
        assertThat(problems(MINIMAL.replace("127.0.0.1:6432", "127.0.0.1:99999")))
                .isEqualTo("sluice.yaml:4:13: listeners[0].listen: port must be between 0 and 65535");
    }

    @Test
    void badTlsModeNamesTheSupportedModes() {
        assertThat(problems(MINIMAL.replace("tls: disable", "tls: verify")))
                .isEqualTo("sluice.yaml:13:12: connections[0].target.tls: unknown TLS mode 'verify' "
                        + "(supported: disable, require, verify-full)");
    }

    @Test
    void caFileIsOnlyForVerifyFull() {
        String yaml = MINIMAL.replace("tls: disable", "tls: require\n      ca_file: "
                + TestConfigs.resource("tls/ca.pem"));
        assertThat(problems(yaml))
                .isEqualTo("sluice.yaml:14:16: connections[0].target.ca_file: only used with tls: verify-full (tls is require)");
    }

    @Test
    void filesThatMustExistAreChecked() {
        String yaml = MINIMAL.replace("connections:\n", """
                    tls:
                      cert: /nonexistent/cert.pem
                      key: /nonexistent/key.pem
                connections:
                """);
        assertThat(problems(yaml).lines()).containsExactly(
                "sluice.yaml:6:13: listeners[0].tls.cert: file /nonexistent/cert.pem does not exist",
                "sluice.yaml:7:12: listeners[0].tls.key: file /nonexistent/key.pem does not exist");
    }

    @Test
    void requiringTlsWithoutACertificateAndKeyIsOneProblemAtTheRequiredKey() {
        String yaml = MINIMAL.replace("connections:\n", """
                    tls:
                      required: true
                connections:
                """);
        assertThat(problems(yaml)).isEqualTo("sluice.yaml:6:17: listeners[0].tls.required: needs tls.cert and "
                + "tls.key: the gateway cannot require TLS it cannot serve");
    }

    @Test
    void tlsRequiredMustBeABoolean() {
        String yaml = MINIMAL.replace("connections:\n", """
                    tls:
                      cert: %s
                      key: %s
                      required: "yes"
                connections:
                """.formatted(TestConfigs.resource("tls/cert.pem"), TestConfigs.resource("tls/key.pem")));
        assertThat(problems(yaml))
                .isEqualTo("sluice.yaml:8:17: listeners[0].tls.required: expected true or false, got a string");
    }

    @Test
    void accessWithNeitherGroupsNorUsersIsRefused() {
        assertThat(problems(MINIMAL.replace("groups: [dev]", "groups: []")))
                .isEqualTo("sluice.yaml:18:7: connections[0].access: nobody could use this connection: "
                        + "list at least one group or user, or allow jit requests");
        assertThat(problems(MINIMAL.replace("    access:\n      groups: [dev]\n", "")))
                .isEqualTo("sluice.yaml:6:5: connections[0].access: is required: without it nobody could use this connection");
    }

    @Test
    void unknownPolicyNamesTheKnownOnes() {
        assertThat(problems(MINIMAL + "    policy: phi-strict\n"))
                .isEqualTo("sluice.yaml:19:13: connections[0].policy: unknown policy 'phi-strict' (supported: default)");
    }

    @Test
    void symmetricAndUnsignedAlgorithmsAreRefused() {
        String yaml = """
                identity:
                  issuers:
                    - name: okta
                      issuer: https://example.okta.com
                      jwks_uri: https://example.okta.com/keys
                      audience: sluice
                      algorithms: [RS256, HS256, none]
                """ + MINIMAL;
        assertThat(problems(yaml).lines()).containsExactly(
                "sluice.yaml:7:27: identity.issuers[0].algorithms[1]: HS256 is a shared-secret (HMAC) algorithm and is "
                        + "not allowed: use an asymmetric one (RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512)",
                "sluice.yaml:7:34: identity.issuers[0].algorithms[2]: 'none' accepts unsigned tokens and is never allowed");
    }

    @Test
    void edDsaIsRefusedAsUnsupportedRatherThanFailingAtStartup() {
        String yaml = """
                identity:
                  issuers:
                    - name: okta
                      issuer: https://example.okta.com
                      jwks_uri: https://example.okta.com/keys
                      audience: sluice
                      algorithms: [EdDSA]
                """ + MINIMAL;
        assertThat(problems(yaml)).isEqualTo("sluice.yaml:7:20: identity.issuers[0].algorithms[0]: EdDSA is not "
                + "supported by this build (allowed: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512)");
    }

    @Test
    void externalIssuerNeedsAnAudienceAndAnHttpsIssuer() {
        String yaml = """
                identity:
                  issuers:
                    - name: okta
                      issuer: example.okta.com
                      jwks_uri: https://example.okta.com/keys
                """ + MINIMAL;
        assertThat(problems(yaml).lines()).containsExactly(
                "sluice.yaml:3:7: identity.issuers[0].audience: is required",
                "sluice.yaml:4:15: identity.issuers[0].issuer: 'example.okta.com' must be an https:// or http:// URL");
    }

    @Test
    void secretReferencesOutsideSecretKeysAreRefused() {
        assertThat(problems(MINIMAL.replace("host: 127.0.0.1", "host: ${env:DB_HOST}")))
                .isEqualTo("sluice.yaml:10:13: connections[0].target.host: "
                        + "${...} references are only resolved in credentials.password, store, a webhook's url and secret, "
                        + "and masking.key");
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() {
        String yaml = MINIMAL
                .replace("protocol: postgresql", "protocol: postgres")
                .replace("listener: pg", "listener: pgx")
                .replace("port: 5432", "port: 0")
                .replace("tls: disable", "tls: off")
                + "stor: sqlite\n";

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> TestConfigs.load(yaml));

        assertThat(e.problems()).hasSize(5);
        assertThat(e.getMessage().lines()).containsExactly(
                "sluice.yaml:3:15: listeners[0].protocol: unknown protocol 'postgres' (supported: postgresql)",
                "sluice.yaml:8:15: connections[0].listener: unknown listener 'pgx' (defined: pg)",
                "sluice.yaml:11:13: connections[0].target.port: must be between 1 and 65535",
                "sluice.yaml:13:12: connections[0].target.tls: unknown TLS mode 'off' (supported: disable, require, verify-full)",
                "sluice.yaml:19:1: stor: unknown key (did you mean 'store'?)");
    }

    @Test
    void perIdentityLimitMayNotExceedTheGatewayLimit() {
        assertThat(problems("gateway:\n  limits:\n    max_sessions: 10\n    max_sessions_per_identity: 20\n" + MINIMAL))
                .isEqualTo("sluice.yaml:4:32: gateway.limits.max_sessions_per_identity: must not exceed max_sessions (10)");
    }

    @Test
    void badNamesSayWhatIsAllowed() {
        assertThat(problems(MINIMAL.replace("name: clinic", "name: clinic db")))
                .isEqualTo("sluice.yaml:6:11: connections[0].name: 'clinic db' is not allowed here: "
                        + "use letters, digits, '_' and '-' (clients send it as the database name)");
    }
}
