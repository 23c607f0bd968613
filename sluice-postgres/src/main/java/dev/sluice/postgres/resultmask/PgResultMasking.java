package dev.sluice.postgres.resultmask;

import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.masking.ContentNet;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.masking.ResultMasking;
import dev.sluice.core.phi.TextScrubber;
import dev.sluice.core.session.SessionContext;
import dev.sluice.core.sql.SqlAnalyzer;
import dev.sluice.postgres.session.ClientBoundFilter;
import dev.sluice.postgres.upstream.UpstreamConnector;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Masking on the PostgreSQL data path: the client-bound filter of each new session ({@code SessionEnvironment}'s
 * {@code filters}). A session whose connection has a masking policy, and whose identity is in none of its exempt
 * groups, gets a {@link MaskingSession}; every other session passes results through as they are.
 *
 * <p>Holds one {@link PgCatalog} (side connection and cache) per connection, shared by its sessions; close it with
 * the gateway.
 */
public final class PgResultMasking implements Function<SessionContext, ClientBoundFilter>, AutoCloseable {

    private final UpstreamConnector connector;
    private final Function<ConnectionSpec, MaskingPolicy> policies;
    private final SqlAnalyzer analyzer;
    private final ResultMasking.SqlLineage lineage;
    private final Map<String, PgCatalog> catalogs = new ConcurrentHashMap<>();
    private final Map<MaskingPolicy, TextScrubber> nets = new ConcurrentHashMap<>();

    /**
     * @param connector opens the catalog side connections (the sessions' own connector)
     * @param policies  the masking policy of each connection ({@link MaskingPolicy#NONE} where nothing is masked)
     * @param analyzer  analyses the query of a {@code COPY (query) TO STDOUT}
     * @param lineage   SQL lineage for output columns the wire cannot name ({@link ResultMasking.SqlLineage#NONE}:
     *                  every such column is of unknown source)
     */
    public PgResultMasking(UpstreamConnector connector, Function<ConnectionSpec, MaskingPolicy> policies,
                           SqlAnalyzer analyzer, ResultMasking.SqlLineage lineage) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
        this.lineage = Objects.requireNonNull(lineage, "lineage");
    }

    @Override
    public ClientBoundFilter apply(SessionContext session) {
        MaskingPolicy policy = policies.apply(session.connection());
        if (policy == null || !policy.appliesTo(session.identity().groups())) {
            return ClientBoundFilter.PASS_THROUGH;
        }
        TextScrubber net = nets.computeIfAbsent(policy, p -> ContentNet.of(p));
        PgCatalog catalog = catalogs.computeIfAbsent(session.connection().name(),
                name -> new PgCatalog(session.connection(), connector));
        return new MaskingSession(policy, net, catalog, lineage, analyzer);
    }

    @Override
    public void close() {
        catalogs.values().forEach(PgCatalog::close);
        catalogs.clear();
    }
}
