package dev.sluice.postgres.session;

import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.session.SessionContext;
import dev.sluice.postgres.upstream.UpstreamConnector;

import javax.net.ssl.SSLContext;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * What every session of one listener shares.
 *
 * @param spec      the listener and the connections it serves
 * @param services  the core: authenticator, gate, recorder, session limits, metrics, SQL analysis
 * @param cancels   gateway-wide cancel keys (shared by all PostgreSQL listeners)
 * @param tls       offered to clients that send SSLRequest; empty answers {@code 'N'}
 * @param connector opens upstream sessions
 * @param scheduler statement timeouts and close guards; one platform thread per listener
 * @param filters   the client-bound filter for each new session (masking plugs in here)
 */
public record SessionEnvironment(ListenerSpec spec, GatewayServices services, CancelRegistry cancels,
                                 Optional<SSLContext> tls, UpstreamConnector connector,
                                 ScheduledExecutorService scheduler,
                                 Function<SessionContext, ClientBoundFilter> filters) {

    public SessionEnvironment {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(cancels, "cancels");
        tls = tls == null ? Optional.empty() : tls;
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(filters, "filters");
    }
}
