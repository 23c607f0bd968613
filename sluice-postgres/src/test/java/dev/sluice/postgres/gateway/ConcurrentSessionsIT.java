package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.AuditEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Many clients at once: every query of every session comes back right, and every session ends cleanly. */
class ConcurrentSessionsIT {

    private static final int CLIENTS = 50;
    private static final int QUERIES = 20;

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.standard();

    @Test
    void fiftyClientsRunTwentyQueriesEach() throws Exception {
        List<Future<Integer>> clients = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                clients.add(executor.submit(() -> runClient(id)));
            }
            for (Future<Integer> client : clients) {
                assertThat(client.get(60, TimeUnit.SECONDS)).isEqualTo(QUERIES);
            }
        }
        gateway().awaitNoSessions();
        servers.awaitNoUpstreamSessions();
        long ended = gateway().audit().events(AuditEvent.SessionEnded.class).stream()
                .filter(e -> e.reason().equals("client-terminate")).count();
        assertThat(ended).isEqualTo(CLIENTS);
        long completed = gateway().audit().events(AuditEvent.CommandCompleted.class).stream()
                .filter(e -> e.errorCode().isEmpty()).count();
        assertThat(completed).isGreaterThanOrEqualTo((long) CLIENTS * QUERIES);
    }

    private static int runClient(int id) throws Exception {
        int correct = 0;
        try (Connection c = gateway().connect(); PreparedStatement ps = c.prepareStatement("select ?::int * 2, ?")) {
            for (int q = 0; q < QUERIES; q++) {
                ps.setInt(1, id * 1000 + q);
                ps.setString(2, "client " + id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) == (id * 1000 + q) * 2 && rs.getString(2).equals("client " + id)) {
                        correct++;
                    }
                }
            }
        }
        return correct;
    }

    private static GatewayHarness gateway() {
        return servers.gateway();
    }
}
