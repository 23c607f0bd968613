package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.Recorder;
import dev.sluice.core.approval.Approvals;
import dev.sluice.core.approval.NoApprovals;
import dev.sluice.core.connection.AccessList;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.core.gateway.Gate;
import dev.sluice.core.gateway.GatewayMetrics;
import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.gateway.RunningListener;
import dev.sluice.core.policy.Policy;
import dev.sluice.core.session.SessionLimits;
import dev.sluice.core.session.LiveSessions;
import dev.sluice.core.session.SessionRegistry;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import dev.sluice.postgres.PostgresModule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A gateway started in-process on a free port in front of an embedded PostgreSQL, with the real SQL analyser and the
 * test doubles the session tests use: fixed-token authenticator, a test policy, an in-memory audit log, no-op metrics.
 *
 * <p>The listener offers one connection, {@value #CONNECTION}, to group {@code dev} (alice, not bob).
 */
public final class GatewayHarness implements AutoCloseable {

    public static final String CONNECTION = "clinic";

    /** The real analyser, shared as the app shares it (its cache is what makes it cheap). */
    private static final SqlAnalyzer ANALYZER = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 10_000);

    private final CollectingAuditLog audit = new CollectingAuditLog();
    private final SessionRegistry sessions;
    private final PostgresModule module;
    private final RunningListener listener;
    private final LiveSessions liveSessions = new LiveSessions();

    /**
     * How a test gateway differs from the default one.
     *
     * @param policy      judges every command ({@link TestPolicies#noDropReviewTruncate()} by default)
     * @param limits      session limits ({@link SessionLimits#DEFAULTS} by default)
     * @param tls         certificate and key to serve TLS with; none by default
     * @param tlsRequired refuse clients without TLS (only with {@code tls})
     * @param approvals   where reviews are held ({@link NoApprovals} by default: a review is refused)
     * @param access      who may use the clinic connection (group {@code dev} by default)
     */
    public record Setup(Policy policy, SessionLimits limits, Optional<ListenerSpec.TlsFiles> tls,
                        boolean tlsRequired, Approvals approvals, AccessList access) {

        public static Setup defaults() {
            return new Setup(TestPolicies.noDropReviewTruncate(), SessionLimits.DEFAULTS, Optional.empty(), false,
                    NoApprovals.INSTANCE, new AccessList(Set.of(), Set.of("dev")));
        }

        public Setup policy(Policy other) {
            return new Setup(other, limits, tls, tlsRequired, approvals, access);
        }

        public Setup limits(SessionLimits other) {
            return new Setup(policy, other, tls, tlsRequired, approvals, access);
        }

        /** Offers TLS; clients may still connect without it. */
        public Setup tls(ListenerSpec.TlsFiles files) {
            return new Setup(policy, limits, Optional.of(files), false, approvals, access);
        }

        /** Serves TLS and refuses clients that do not ask for it. */
        public Setup requiringTls(ListenerSpec.TlsFiles files) {
            return new Setup(policy, limits, Optional.of(files), true, approvals, access);
        }

        public Setup approvals(Approvals other) {
            return new Setup(policy, limits, tls, tlsRequired, other, access);
        }

        public Setup access(AccessList other) {
            return new Setup(policy, limits, tls, tlsRequired, approvals, other);
        }
    }

    private GatewayHarness(Target target, Setup setup) throws IOException {
        this(target, setup, new PostgresModule());
    }

    private GatewayHarness(Target target, Setup setup, PostgresModule module) throws IOException {
        this.module = module;
        sessions = new SessionRegistry(setup.limits());
        ConnectionSpec clinic = new ConnectionSpec(CONNECTION, "postgresql", "pg", target,
                new Credentials("postgres", Optional.empty()), setup.access(), "test");
        ListenerSpec spec = new ListenerSpec("pg", "postgresql", "127.0.0.1", 0, setup.tls(), setup.tlsRequired(),
                List.of(clinic));
        Clock clock = Clock.systemUTC();
        GatewayServices services = new GatewayServices(new TestIdentities(),
                new Gate(connection -> setup.policy(), audit, clock, false), new Recorder(audit, clock), sessions,
                GatewayMetrics.NOOP, ANALYZER, setup.approvals(), liveSessions);
        listener = module.start(spec, services);
    }

    public static GatewayHarness start(EmbeddedPostgres postgres) throws IOException {
        return start(postgres, Setup.defaults());
    }

    public static GatewayHarness start(EmbeddedPostgres postgres, SessionLimits limits) throws IOException {
        return start(postgres, Setup.defaults().limits(limits));
    }

    public static GatewayHarness start(EmbeddedPostgres postgres, Setup setup) throws IOException {
        return new GatewayHarness(target(postgres), setup);
    }

    /** A gateway whose sessions' client-bound filters come from {@code filters} (masking). */
    public static GatewayHarness start(EmbeddedPostgres postgres, Setup setup,
                                       java.util.function.Function<dev.sluice.core.session.SessionContext,
                                               dev.sluice.postgres.session.ClientBoundFilter> filters)
            throws IOException {
        return new GatewayHarness(target(postgres), setup,
                new PostgresModule(new dev.sluice.postgres.upstream.UpstreamConnector(), filters));
    }

    /** The clinic connection's target in front of {@code postgres}. */
    public static Target targetOf(EmbeddedPostgres postgres) {
        return target(postgres);
    }

    /** A gateway in front of any server, a fake one included. */
    public static GatewayHarness start(Target target, SessionLimits limits) throws IOException {
        return new GatewayHarness(target, Setup.defaults().limits(limits));
    }

    private static Target target(EmbeddedPostgres postgres) {
        return new Target("127.0.0.1", postgres.getPort(), "postgres", TlsMode.DISABLE, Optional.empty());
    }

    public static SessionLimits limits(Duration idleTimeout, Duration statementTimeout) {
        SessionLimits d = SessionLimits.DEFAULTS;
        return new SessionLimits(d.maxSessions(), d.maxSessionsPerIdentity(), idleTimeout, statementTimeout,
                d.maxMessageBytes());
    }

    public int port() {
        return listener.port();
    }

    /** pgjdbc URL for alice on the clinic connection, with extra URL parameters appended. */
    public String url(String extra) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + CONNECTION + "?user=alice&password="
                + TestIdentities.ALICE_TOKEN + (extra.isEmpty() ? "" : "&" + extra);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(""));
    }

    public Connection connect(String extra) throws SQLException {
        return DriverManager.getConnection(url(extra));
    }

    public CollectingAuditLog audit() {
        return audit;
    }

    public LiveSessions liveSessions() {
        return liveSessions;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public PostgresModule module() {
        return module;
    }

    public RunningListener listener() {
        return listener;
    }

    /** Waits (up to 10 s) until every session has ended and released its slot and cancel key. */
    public void awaitNoSessions() {
        await(() -> sessions.openSessions() == 0 && module.cancels().size() == 0, "all sessions to end");
    }

    /**
     * Waits (up to 10 s) until the server has no client backends but the one asking: every upstream connection the
     * gateway opened has been closed.
     */
    public static void awaitNoUpstreamSessions(EmbeddedPostgres postgres) {
        await(() -> {
            try (Connection direct = postgres.getPostgresDatabase().getConnection();
                 java.sql.Statement s = direct.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where backend_type = "
                         + "'client backend' and pid <> pg_backend_pid()")) {
                rs.next();
                return rs.getInt(1) == 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "upstream sessions to close");
    }

    /** Polls a condition every 10 ms for up to 10 s; fails the test if it never holds. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
