package dev.sluice.postgres;

import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.gateway.ProtocolModule;
import dev.sluice.core.gateway.RunningListener;
import dev.sluice.core.masking.AnalyzedLineage;
import dev.sluice.core.session.SessionContext;
import dev.sluice.postgres.resultmask.PgResultMasking;
import dev.sluice.postgres.session.CancelRegistry;
import dev.sluice.postgres.session.ClientBoundFilter;
import dev.sluice.postgres.session.PgSession;
import dev.sluice.postgres.session.SessionEnvironment;
import dev.sluice.postgres.upstream.UpstreamConnector;

import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;

/**
 * The PostgreSQL protocol module: terminates PostgreSQL clients, authenticates them with the token they send as
 * their password, and relays their sessions to the connection their {@code database} parameter names, asking the
 * core's gate about every statement.
 *
 * <p>One module instance is one gateway: all listeners it starts share one {@link CancelRegistry}.
 */
public final class PostgresModule implements ProtocolModule {

    private final CancelRegistry cancels = new CancelRegistry();
    private final UpstreamConnector connector;
    /** Fixed filters (tests); empty: each listener masks by the services' masking policies. */
    private final Optional<Function<SessionContext, ClientBoundFilter>> filters;

    /** The module as the gateway runs it: results are masked by each connection's masking policy. */
    public PostgresModule() {
        this.connector = new UpstreamConnector();
        this.filters = Optional.empty();
    }

    /**
     * @param filters makes each session's client-bound filter, in place of masking by policy (for tests)
     */
    public PostgresModule(UpstreamConnector connector, Function<SessionContext, ClientBoundFilter> filters) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.filters = Optional.of(Objects.requireNonNull(filters, "filters"));
    }

    @Override
    public String protocol() {
        return PgSession.PROTOCOL;
    }

    /**
     * @throws IOException when the port cannot be bound or the TLS files are unusable (the message names them)
     */
    @Override
    public RunningListener start(ListenerSpec spec, GatewayServices services) throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(services, "services");
        if (!spec.protocol().equals(protocol())) {
            throw new IllegalArgumentException("listener " + spec.name() + " is for " + spec.protocol()
                    + ", not " + protocol());
        }
        Optional<SSLContext> tls = spec.tls().isPresent()
                ? Optional.of(PemTls.serverContext(spec.tls().get())) : Optional.empty();
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sluice-pg-timers-" + spec.name());
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        PgResultMasking masking = new PgResultMasking(connector, services.masking(), services.sqlAnalyzer(),
                AnalyzedLineage.INSTANCE);
        try {
            RunningListener listener = PgListener.start(new SessionEnvironment(spec, services, cancels, tls,
                    connector, scheduler, filters.orElse(masking)));
            return new MaskingListener(listener, masking);
        } catch (IOException | RuntimeException e) {
            scheduler.shutdownNow();
            masking.close();
            throw e;
        }
    }

    /** A listener that also closes the catalog side connections its masking opened. */
    private record MaskingListener(RunningListener listener, PgResultMasking masking) implements RunningListener {
        @Override
        public ListenerSpec spec() {
            return listener.spec();
        }

        @Override
        public int port() {
            return listener.port();
        }

        @Override
        public void stopAccepting() {
            listener.stopAccepting();
        }

        @Override
        public boolean drain(Duration deadline) throws InterruptedException {
            return listener.drain(deadline);
        }

        @Override
        public void close() {
            try {
                listener.close();
            } finally {
                masking.close();
            }
        }
    }

    /** The gateway-wide cancel keys (for tests and the admin API). */
    public CancelRegistry cancels() {
        return cancels;
    }
}
