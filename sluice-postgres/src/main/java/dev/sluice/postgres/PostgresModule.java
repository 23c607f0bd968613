package dev.sluice.postgres;

import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.gateway.ProtocolModule;
import dev.sluice.core.gateway.RunningListener;
import dev.sluice.core.session.SessionContext;
import dev.sluice.postgres.session.CancelRegistry;
import dev.sluice.postgres.session.ClientBoundFilter;
import dev.sluice.postgres.session.PgSession;
import dev.sluice.postgres.session.SessionEnvironment;
import dev.sluice.postgres.upstream.UpstreamConnector;

import javax.net.ssl.SSLContext;
import java.io.IOException;
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
    private final Function<SessionContext, ClientBoundFilter> filters;

    public PostgresModule() {
        this(new UpstreamConnector(), session -> ClientBoundFilter.PASS_THROUGH);
    }

    /**
     * @param filters makes each session's client-bound filter (masking plugs in here)
     */
    public PostgresModule(UpstreamConnector connector, Function<SessionContext, ClientBoundFilter> filters) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.filters = Objects.requireNonNull(filters, "filters");
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
        try {
            return PgListener.start(new SessionEnvironment(spec, services, cancels, tls, connector, scheduler,
                    filters));
        } catch (IOException | RuntimeException e) {
            scheduler.shutdownNow();
            throw e;
        }
    }

    /** The gateway-wide cancel keys (for tests and the admin API). */
    public CancelRegistry cancels() {
        return cancels;
    }
}
