package dev.sluice.postgres.session;

import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.postgres.codec.backend.BackendKeyData;
import dev.sluice.postgres.codec.frontend.CancelRequest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CancelRegistryTest {

    private static final Target TARGET = new Target("db.internal", 5432, "clinic", TlsMode.DISABLE, Optional.empty());
    private static final BackendKeyData UPSTREAM_KEY = new BackendKeyData(4242, 987654321);

    private final CancelRegistry registry = new CancelRegistry();

    @Test
    void issuedKeyLeadsToTheUpstreamSession() {
        CancelRegistry.Route route = new CancelRegistry.Route("s1", TARGET, UPSTREAM_KEY);
        BackendKeyData clientKey = registry.register(route);
        assertThat(registry.lookup(new CancelRequest(clientKey.processId(), clientKey.secretKey())))
                .contains(route);
    }

    @Test
    void clientsNeverSeeTheUpstreamKey() {
        BackendKeyData clientKey = registry.register(new CancelRegistry.Route("s1", TARGET, UPSTREAM_KEY));
        assertThat(clientKey).isNotEqualTo(UPSTREAM_KEY);
        assertThat(registry.lookup(new CancelRequest(UPSTREAM_KEY.processId(), UPSTREAM_KEY.secretKey())))
                .isEmpty();
    }

    @Test
    void rightProcessIdWithTheWrongSecretFindsNothing() {
        BackendKeyData clientKey = registry.register(new CancelRegistry.Route("s1", TARGET, UPSTREAM_KEY));
        assertThat(registry.lookup(new CancelRequest(clientKey.processId(), clientKey.secretKey() + 1))).isEmpty();
    }

    @Test
    void removedKeysFindNothing() {
        BackendKeyData clientKey = registry.register(new CancelRegistry.Route("s1", TARGET, UPSTREAM_KEY));
        registry.remove(clientKey);
        assertThat(registry.lookup(new CancelRequest(clientKey.processId(), clientKey.secretKey()))).isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void removingWithTheWrongSecretKeepsTheKey() {
        BackendKeyData clientKey = registry.register(new CancelRegistry.Route("s1", TARGET, UPSTREAM_KEY));
        registry.remove(new BackendKeyData(clientKey.processId(), clientKey.secretKey() ^ 1));
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void everySessionGetsItsOwnPositiveProcessId() {
        Set<Integer> processIds = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            BackendKeyData key = registry.register(new CancelRegistry.Route("s" + i, TARGET, UPSTREAM_KEY));
            assertThat(key.processId()).isPositive();
            processIds.add(key.processId());
        }
        assertThat(processIds).hasSize(1000);
        assertThat(registry.size()).isEqualTo(1000);
    }
}
