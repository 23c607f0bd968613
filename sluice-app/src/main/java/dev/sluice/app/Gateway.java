package dev.sluice.app;

import dev.sluice.app.admin.AdminRoles;
import dev.sluice.app.admin.AdminServer;
import dev.sluice.app.admin.AdminSettings;
import dev.sluice.app.admin.ApiServices;
import dev.sluice.app.config.AdminConfig;
import dev.sluice.app.config.GatewayConfig;
import dev.sluice.app.metrics.SluiceMetrics;
import dev.sluice.app.notify.WebhookNotifier;
import dev.sluice.core.approval.ApprovalService;
import dev.sluice.core.audit.Recorder;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.gateway.Gate;
import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.gateway.ProtocolModule;
import dev.sluice.core.gateway.RunningListener;
import dev.sluice.core.identity.LocalIssuer;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.phi.DetectorScrubber;
import dev.sluice.core.phi.TextScrubber;
import dev.sluice.core.policy.Policy;
import dev.sluice.core.session.LiveSessions;
import dev.sluice.core.session.SessionRegistry;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import dev.sluice.store.JdbcAuditLog;
import dev.sluice.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The composition root: opens the store, builds identity, the gate, the recorder and metrics, starts one listener
 * per configured listener through its protocol module, and the admin server. Shutting down stops accepting, drains
 * sessions until the grace period ends, then flushes the audit log and closes the store.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** Analyses are cached per normalised statement; 10,000 distinct shapes cover typical ORM workloads. */
    private static final int SQL_CACHE_SIZE = 10_000;

    private final GatewayConfig config;
    private final Store store;
    private final IdentityWiring identity;
    private final SluiceMetrics metrics;
    private final SessionRegistry sessions;
    /** Sessions open on this process, by id: what the admin API lists as live and ends on request. */
    private final LiveSessions liveSessions = new LiveSessions();
    private final List<RunningListener> listeners = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile AdminServer admin;
    private WebhookNotifier notifier;
    private ApprovalService approvals;
    private volatile boolean accepting;
    private boolean closed;

    private Gateway(GatewayConfig config, Store store, IdentityWiring identity, SluiceMetrics metrics) {
        this.config = config;
        this.store = store;
        this.identity = identity;
        this.metrics = metrics;
        this.sessions = new SessionRegistry(config.limits());
    }

    /**
     * Starts everything the configuration describes. On any failure, what was started is closed again and the
     * exception says what could not start.
     */
    public static Gateway start(GatewayConfig config, ProtocolRegistry protocols) throws IOException {
        Files.createDirectories(config.dataDir());
        if (config.allowInlineSecrets()) {
            log.warn("{} sets allow_inline_secrets: true; literal passwords in a config file are for tests and demos only",
                    config.file());
        }
        Store store = StoreFiles.open(config.store());
        Gateway gateway = null;
        try {
            IdentityWiring identity = IdentityWiring.build(config.identity(), config.dataDir(), store.apiKeys());
            gateway = new Gateway(config, store, identity, SluiceMetrics.create());
            gateway.startListeners(protocols);
            gateway.startAdmin();
            gateway.accepting = true;
            return gateway;
        } catch (IOException | RuntimeException e) {
            if (gateway != null) {
                gateway.close();
            } else {
                store.close();
            }
            throw e;
        }
    }

    private void startListeners(ProtocolRegistry protocols) throws IOException {
        JdbcAuditLog auditLog = store.auditLog(config.audit().failClosed());
        metrics.registerAuditGauges(auditLog::pendingEvents, auditLog::lostEvents);
        Clock clock = Clock.systemUTC();
        Function<ConnectionSpec, Policy> policies = PolicyWiring.forConnections(config, clock);
        Function<ConnectionSpec, MaskingPolicy> masking = PolicyWiring.maskingForConnections(config);
        Gate gate = new Gate(policies, auditLog, clock, config.audit().failClosed());
        Recorder recorder = new Recorder(auditLog, clock);
        notifier = WebhookNotifier.create(config.notifications(), publicUrl(), metrics.registry());
        approvals = new ApprovalService(store.approvals(), store.grants(), auditLog, notifier, textScrubber(),
                clock, replicaId(config), config::connection, liveSessions);
        int abandoned = approvals.recoverAfterRestart();
        if (abandoned > 0) {
            log.warn("{} statements this gateway held for approval when it last stopped are marked abandoned",
                    abandoned);
        }
        for (ListenerSpec spec : config.listenerSpecs()) {
            ProtocolModule module = protocols.module(spec.protocol()).orElseThrow(() -> new IllegalStateException(
                    "listener " + spec.name() + ": protocol '" + spec.protocol() + "' is not built into this gateway"));
            GatewayServices services = new GatewayServices(identity.authenticator(), gate, recorder, sessions,
                    metrics.gateway(), new ParsingSqlAnalyzer(dialectOf(spec.protocol()), SQL_CACHE_SIZE), approvals,
                    liveSessions, masking);
            RunningListener listener = module.start(spec, services);
            listeners.add(listener);
            log.info("listener {} ({}) on {}:{} serving {}", spec.name(), spec.protocol(), spec.host(),
                    listener.port(), spec.connections().stream().map(ConnectionSpec::name).toList());
        }
    }

    /**
     * Masks what looks like PHI in the free text approvals store and show (held statements, justifications,
     * comments). Built now, with a first scan, because the detectors' word lists load on first use (about a second).
     */
    private static TextScrubber textScrubber() {
        DetectorScrubber scrubber = DetectorScrubber.standard();
        scrubber.scrub("warm-up: Mr. John Smith, 123 Main St, 555-0100");
        return scrubber;
    }

    /**
     * What this gateway process is called in the approvals it holds: the host and the data directory, which stay the
     * same across restarts (so a restarted gateway finds the requests it held and marks them abandoned) and differ
     * between replicas, which each have their own data directory.
     */
    static String replicaId(GatewayConfig config) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + config.dataDir();
    }

    /**
     * Where links in notifications point: the admin API as people reach it. Without an admin port nobody can approve
     * through this gateway; links then name the host, and the gateway says so at startup.
     */
    private URI publicUrl() {
        if (config.admin().isEmpty() && !config.notifications().webhooks().isEmpty()) {
            log.warn("notifications are configured but admin.listen is not: links in them lead nowhere, and "
                    + "reviewers must approve through another gateway's admin API");
        }
        return config.admin().map(AdminConfig::publicUrl).orElse(URI.create("http://localhost/"));
    }

    private static SqlDialect dialectOf(String protocol) {
        return switch (protocol) {
            case "postgresql" -> SqlDialect.POSTGRESQL;
            case "mysql" -> SqlDialect.MYSQL;
            default -> throw new IllegalStateException("no SQL dialect for protocol '" + protocol + "'");
        };
    }

    private void startAdmin() throws IOException {
        if (config.admin().isEmpty()) {
            return;
        }
        AdminConfig adminConfig = config.admin().get();
        Optional<java.util.function.Supplier<String>> jwks = identity.localIssuer()
                .map(issuer -> issuer::publicJwksJson);
        ApiServices api = new ApiServices(identity.authenticator(),
                new AdminRoles(adminConfig.adminGroups(), adminConfig.reviewerGroups()),
                Optional.of(approvals),
                store.auditReader(), liveSessions, config::connection, Clock.systemUTC());
        admin = new AdminServer(new AdminSettings(adminConfig.listen().toSocketAddress(),
                () -> accepting, metrics.registry(), jwks, api));
    }

    public GatewayConfig config() {
        return config;
    }

    public List<RunningListener> listeners() {
        return List.copyOf(listeners);
    }

    /** The port the named listener bound (differs from the configuration when it asked for port 0). */
    public int port(String listenerName) {
        return listeners.stream().filter(l -> l.spec().name().equals(listenerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener named " + listenerName)).port();
    }

    public Optional<Integer> adminPort() {
        return Optional.ofNullable(admin).map(AdminServer::port);
    }

    public LiveSessions liveSessions() {
        return liveSessions;
    }

    public Optional<LocalIssuer> localIssuer() {
        return identity.localIssuer();
    }

    public Store store() {
        return store;
    }

    /** Blocks until {@link #close()} has run (the CLI's main thread parks here). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /**
     * Graceful shutdown: stop accepting, let sessions finish within the configured grace, then close the rest,
     * flush the audit log and close the store. Safe to call twice.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        accepting = false;
        if (admin != null) {
            admin.markDraining();
        }
        listeners.forEach(RunningListener::stopAccepting);
        Duration grace = config.shutdownGrace();
        long deadline = System.nanoTime() + grace.toNanos();
        for (RunningListener listener : listeners) {
            try {
                Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                if (!listener.drain(remaining)) {
                    log.warn("listener {}: sessions still open after {}; closing them", listener.spec().name(), grace);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener.close();
        }
        if (approvals != null) {
            approvals.shutdown("the gateway holding it shut down");
        }
        if (notifier != null) {
            notifier.close();
        }
        if (admin != null) {
            admin.close();
        }
        identity.close();
        store.close();
        metrics.close();
        log.info("gateway stopped");
        stopped.countDown();
    }
}
