package dev.sluice.app.admin;

import dev.sluice.core.connection.AccessList;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.core.identity.JwtAuthenticator;
import dev.sluice.core.identity.LocalIssuer;
import dev.sluice.core.session.LiveSessions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A real admin server on a free loopback port with real token verification (a local issuer in a temporary
 * directory) and in-memory approvals, sessions and audit log. Admins are {@code sluice-admins}, reviewers
 * {@code sluice-reviewers}; the one connection is {@code clinic}.
 */
public final class ApiFixture implements AutoCloseable {

    public static final String CONNECTION = "clinic";

    public final FakeApprovals approvals = new FakeApprovals();
    public final FakeAuditReader audit = new FakeAuditReader();
    public final LiveSessions live = new LiveSessions();

    private final LocalIssuer issuer;
    private final JwtAuthenticator authenticator;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AdminServer server;

    private ApiFixture(Path dir, boolean withApprovals) throws IOException {
        this.issuer = LocalIssuer.open(dir);
        this.authenticator = new JwtAuthenticator(List.of(issuer.issuerSpec()));
        ApiServices services = new ApiServices(authenticator,
                new AdminRoles(List.of("sluice-admins"), List.of("sluice-reviewers")),
                withApprovals ? Optional.of(approvals) : Optional.empty(), audit, live,
                name -> name.equals(CONNECTION) ? Optional.of(clinic()) : Optional.empty(), Clock.systemUTC());
        this.server = new AdminServer(new AdminSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> true, registry, Optional.of(issuer::publicJwksJson), services));
    }

    /** @param dir where the local issuer keeps its key */
    public static ApiFixture start(Path dir) throws IOException {
        return new ApiFixture(dir, true);
    }

    /** A gateway whose approvals are not wired (yet). */
    public static ApiFixture startWithoutApprovals(Path dir) throws IOException {
        return new ApiFixture(dir, false);
    }

    /** A one-hour local token. */
    public String token(String subject, String... groups) {
        return issuer.issue(subject, Set.of(groups), Duration.ofHours(1));
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public AdminServer server() {
        return server;
    }

    public static ConnectionSpec clinic() {
        return new ConnectionSpec(CONNECTION, "postgresql", "pg",
                new Target("127.0.0.1", 5432, "clinic", TlsMode.DISABLE, Optional.empty()),
                new Credentials("sluice_app", Optional.empty()), new AccessList(Set.of(), Set.of("dev")), "default");
    }

    @Override
    public void close() {
        server.close();
        authenticator.close();
        registry.close();
    }
}
