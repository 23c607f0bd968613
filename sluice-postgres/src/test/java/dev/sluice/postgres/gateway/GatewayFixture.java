package dev.sluice.postgres.gateway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The gateway under test: a real PostgreSQL (embedded, from Maven Central binaries) and a {@link GatewayHarness} in
 * front of it, started before a test class's first test and stopped after its last. Register it on a static field:
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayFixture servers = GatewayFixture.standard();
 * }</pre>
 */
public final class GatewayFixture implements BeforeAllCallback, AfterAllCallback {

    /** Makes the gateway's setup once the fixture starts; {@code dir} is a scratch directory (for certificates). */
    @FunctionalInterface
    public interface SetupFactory {
        GatewayHarness.Setup create(Path dir) throws Exception;
    }

    private final SetupFactory setupFactory;
    private Path dir;
    private EmbeddedPostgres postgres;
    private GatewayHarness gateway;

    private GatewayFixture(SetupFactory setupFactory) {
        this.setupFactory = setupFactory;
    }

    /** The default gateway: {@link TestPolicies#noDropReviewTruncate()}, default limits, no TLS. */
    public static GatewayFixture standard() {
        return new GatewayFixture(dir -> GatewayHarness.Setup.defaults());
    }

    public static GatewayFixture with(SetupFactory setupFactory) {
        return new GatewayFixture(setupFactory);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("sluice-gateway-fixture");
        postgres = EmbeddedPostgres.builder().start();
        gateway = GatewayHarness.start(postgres, setupFactory.create(dir));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (EmbeddedPostgres server = postgres; GatewayHarness listener = gateway) {
            // closed in reverse order: the gateway first, then the server behind it
        } finally {
            deleteRecursively(dir);
        }
    }

    public GatewayHarness gateway() {
        return gateway;
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /** Runs SQL on the server directly, not through the gateway (test setup). */
    public void executeDirectly(String sql) throws SQLException {
        try (Connection direct = postgres.getPostgresDatabase().getConnection();
             Statement statement = direct.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Waits until every upstream connection the gateway opened has been closed. */
    public void awaitNoUpstreamSessions() {
        GatewayHarness.awaitNoUpstreamSessions(postgres);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
