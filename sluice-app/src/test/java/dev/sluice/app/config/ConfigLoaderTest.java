package dev.sluice.app.config;

import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.Secret;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.identity.JwksSource;
import dev.sluice.core.session.SessionLimits;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.sluice.app.config.TestConfigs.DB_PASSWORD;
import static dev.sluice.app.config.TestConfigs.ENV;
import static dev.sluice.app.config.TestConfigs.MINIMAL;
import static dev.sluice.app.config.TestConfigs.resource;
import static org.assertj.core.api.Assertions.assertThat;

class ConfigLoaderTest {

    private final Path full = resource("full.yaml");
    private final Path dir = full.getParent();

    @Test
    void fullExampleLoadsIntoTheExpectedRecords() throws ConfigException {
        GatewayConfig config = ConfigLoader.load(full, ENV);

        assertThat(config.file()).isEqualTo(full);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.limits()).isEqualTo(new SessionLimits(500, 20, Duration.ofMinutes(90), Duration.ofMinutes(5),
                16 * 1024 * 1024));
        assertThat(config.admin().map(AdminConfig::listen)).contains(new HostPort("127.0.0.1", 9090));
        assertThat(config.listeners()).containsExactly(
                new ListenerConfig("pg", "postgresql", new HostPort("127.0.0.1", 6432), Optional.of(
                        new ListenerSpec.TlsFiles(dir.resolve("tls/cert.pem"), dir.resolve("tls/key.pem"))), true),
                new ListenerConfig("pg-internal", "postgresql", new HostPort("::1", 6433), Optional.empty(), false));
        assertThat(config.audit().failClosed()).isTrue();
        assertThat(config.allowInlineSecrets()).isFalse();
    }

    @Test
    void fullExampleReadsIdentitySettings() throws ConfigException {
        IdentityConfig identity = ConfigLoader.load(full, ENV).identity();

        assertThat(identity.localIssuer()).isEqualTo(new LocalIssuerConfig(false, "sluice-local", "sluice", Duration.ofHours(8)));
        assertThat(identity.apiKeysEnabled()).isFalse();
        assertThat(identity.issuers()).containsExactly(
                new ExternalIssuerConfig("okta", "https://example.okta.com/oauth2/default",
                        new JwksSource.Url(URI.create("https://example.okta.com/oauth2/default/v1/keys")),
                        List.of("sluice", "api://sluice"), "roles", "email", List.of("RS256", "ES256"),
                        Duration.ofSeconds(30)),
                // a relative jwks_uri is a file next to the configuration; no algorithms means the identity defaults
                new ExternalIssuerConfig("lab-idp", "http://localhost:8080/realms/lab",
                        new JwksSource.File(dir.resolve("jwks.json")), List.of("sluice"), "groups", "sub",
                        List.of("RS256", "ES256", "PS256"), Duration.ofSeconds(60)));
    }

    @Test
    void fullExampleReadsConnectionsWithResolvedSecrets() throws ConfigException {
        GatewayConfig config = ConfigLoader.load(full, ENV);

        ConnectionSpec clinic = config.connection("clinic").orElseThrow();
        assertThat(clinic.type()).isEqualTo("postgresql");
        assertThat(clinic.listener()).isEqualTo("pg");
        assertThat(clinic.target().address()).isEqualTo("db.internal:5433");
        assertThat(clinic.target().database()).isEqualTo("clinic");
        assertThat(clinic.target().tls()).isEqualTo(TlsMode.VERIFY_FULL);
        assertThat(clinic.target().caFile()).contains(dir.resolve("tls/ca.pem"));
        assertThat(clinic.credentials().username()).isEqualTo("sluice_app");
        assertThat(clinic.credentials().password().map(Secret::reveal)).contains(DB_PASSWORD);
        assertThat(clinic.access().groups()).containsExactlyInAnyOrder("dev", "oncall");
        assertThat(clinic.access().users()).containsExactly("alice@example.com");
        assertThat(clinic.policy()).isEqualTo("default");

        ConnectionSpec billing = config.connection("billing_ro").orElseThrow();
        assertThat(billing.target().address()).isEqualTo("10.0.0.7:5432"); // the protocol's default port
        assertThat(billing.target().tls()).isEqualTo(TlsMode.REQUIRE);
        assertThat(billing.target().caFile()).isEmpty();
        assertThat(billing.credentials().password().map(Secret::reveal)).contains("b1ll-distinctive-pw");
        assertThat(billing.access().users()).isEqualTo(Set.of("bob@example.com"));
        assertThat(billing.access().groups()).isEmpty();
    }

    @Test
    void fullExampleReadsThePostgresStoreWithoutItsTrailingNewline() throws ConfigException {
        StoreConfig store = ConfigLoader.load(full, ENV).store();

        assertThat(store).isInstanceOfSatisfying(StoreConfig.Postgres.class, pg -> {
            assertThat(pg.host()).isEqualTo("store.internal");
            assertThat(pg.port()).isEqualTo(5432);
            assertThat(pg.database()).isEqualTo("sluice");
            assertThat(pg.username()).contains("sluice");
            assertThat(pg.password().map(Secret::reveal)).contains("st0re/distinctive@pw");
            assertThat(pg.parameters()).isEqualTo(Map.of("sslmode", "verify-full"));
        });
        // What dev.sluice.store.Store.open takes: the password percent-encoded, so its '/' and '@' stay inside it.
        assertThat(store.url().reveal()).isEqualTo(
                "postgresql://sluice:st0re%2Fdistinctive%40pw@store.internal:5432/sluice?sslmode=verify-full");
        assertThat(store.describe()).isEqualTo("postgresql://sluice:***@store.internal:5432/sluice");
    }

    @Test
    void listenerSpecsCarryTheirOwnConnections() throws ConfigException {
        List<ListenerSpec> specs = ConfigLoader.load(full, ENV).listenerSpecs();

        assertThat(specs).extracting(ListenerSpec::name).containsExactly("pg", "pg-internal");
        assertThat(specs.get(0).connection("clinic")).isPresent();
        assertThat(specs.get(0).connection("billing_ro")).isEmpty();
        assertThat(specs.get(1).connections()).extracting(ConnectionSpec::name).containsExactly("billing_ro");
        assertThat(specs.get(1).host()).isEqualTo("::1");
        assertThat(specs.get(1).port()).isEqualTo(6433);
        assertThat(specs.get(0).tls()).isPresent();
    }

    @Test
    void minimalConfigurationGetsTheDocumentedDefaults() throws ConfigException {
        GatewayConfig config = ConfigLoader.fromString(MINIMAL, Path.of("/etc/sluice/sluice.yaml"), ENV);

        assertThat(config.dataDir()).isEqualTo(Path.of("/etc/sluice/data"));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.limits()).isEqualTo(SessionLimits.DEFAULTS);
        assertThat(config.admin()).isEmpty();
        assertThat(config.identity()).isEqualTo(new IdentityConfig(LocalIssuerConfig.DEFAULTS, List.of(), true));
        assertThat(config.store()).isEqualTo(new StoreConfig.Sqlite(Path.of("/etc/sluice/data/sluice.db")));
        assertThat(config.store().url().reveal()).isEqualTo("sqlite:/etc/sluice/data/sluice.db");
        assertThat(config.audit()).isEqualTo(AuditConfig.DEFAULTS);
        assertThat(config.connections().getFirst().policy()).isEqualTo("default");
    }

    @Test
    void sqliteStoreFollowsTheDataDirectoryOrAnExplicitPath() throws ConfigException {
        Path file = Path.of("/srv/sluice/sluice.yaml");
        GatewayConfig moved = ConfigLoader.fromString("gateway:\n  data_dir: /var/lib/sluice\n" + MINIMAL, file, ENV);
        GatewayConfig explicit = ConfigLoader.fromString(MINIMAL + "store: sqlite:db/audit.db\n", file, ENV);

        assertThat(moved.store()).isEqualTo(new StoreConfig.Sqlite(Path.of("/var/lib/sluice/sluice.db")));
        assertThat(explicit.store()).isEqualTo(new StoreConfig.Sqlite(Path.of("/srv/sluice/db/audit.db")));
    }

    @Test
    void singleValuesMayStandForLists() throws ConfigException {
        GatewayConfig config = TestConfigs.load(MINIMAL.replace("groups: [dev]", "users: alice@example.com"));

        assertThat(config.connections().getFirst().access().users()).containsExactly("alice@example.com");
    }

    @Test
    void zeroDisablesTimeoutsAndPortZeroPicksAFreePort() throws ConfigException {
        GatewayConfig config = TestConfigs.load("""
                gateway:
                  limits:
                    idle_timeout: 0
                admin:
                  listen: 127.0.0.1:0
                """ + MINIMAL.replace("127.0.0.1:6432", "127.0.0.1:0"));

        assertThat(config.limits().idleTimeout()).isZero();
        assertThat(config.admin().map(AdminConfig::listen)).contains(new HostPort("127.0.0.1", 0));
        assertThat(config.listeners().getFirst().listen().port()).isZero();
    }

    @Test
    void furtherProtocolsCanBeAccepted() throws ConfigException {
        GatewayConfig config = ConfigLoader.fromString(MINIMAL
                        .replace("protocol: postgresql", "protocol: mysql")
                        .replace("type: postgresql", "type: mysql")
                        .replace("      port: 5432\n", ""),
                TestConfigs.FILE, ENV, List.of("postgresql", "mysql"));

        assertThat(config.connections().getFirst().target().port()).isEqualTo(3306);
    }

    @Test
    void shippedExampleIsValidWhenItsPasswordIsSet() throws Exception {
        Path example = Path.of(ConfigLoaderTest.class.getResource("/sluice-example.yaml").toURI());

        GatewayConfig config = ConfigLoader.load(example, ENV);

        assertThat(config.connections()).isNotEmpty();
        assertThat(config.listeners()).isNotEmpty();
    }
}
