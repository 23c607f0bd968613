package dev.sluice.postgres.session;

import dev.sluice.core.connection.Target;
import dev.sluice.postgres.codec.backend.BackendKeyData;
import dev.sluice.postgres.codec.frontend.CancelRequest;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gateway-wide map from the cancel keys the gateway hands its clients to the upstream sessions they stand for.
 *
 * <p>Each client gets its own random BackendKeyData instead of the upstream's: the upstream key would let anyone who
 * can reach the database cancel that session directly, and would tell clients which backend process serves them.
 * A CancelRequest quoting a key the registry doesn't know, or the right process id with the wrong secret, finds
 * nothing and is dropped silently, as PostgreSQL does. Keys are removed when their session ends.
 *
 * <p>A CancelRequest that a load balancer sends to another gateway replica finds nothing there; cancelling across
 * replicas would need the shared store.
 */
public final class CancelRegistry {

    /**
     * Where a client's cancel key leads: the session, its upstream server and the key it got from there, and how to
     * withdraw a statement the session holds for approval (which never reached the server, so cancelling upstream
     * would not reach it).
     */
    public record Route(String sessionId, Target target, BackendKeyData upstreamKey, HeldStatementWithdrawal held) {
        public Route {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(upstreamKey, "upstreamKey");
            Objects.requireNonNull(held, "held");
        }

        /** A session that never holds statements. */
        public Route(String sessionId, Target target, BackendKeyData upstreamKey) {
            this(sessionId, target, upstreamKey, reason -> false);
        }
    }

    /** Withdraws the session's held statement; false when it holds none. */
    @FunctionalInterface
    public interface HeldStatementWithdrawal {
        boolean withdraw(String reason);
    }

    private record Entry(int secretKey, Route route) {
    }

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<Integer, Entry> byProcessId = new ConcurrentHashMap<>();

    /** Issues a fresh client key for an upstream session. */
    public BackendKeyData register(Route route) {
        Objects.requireNonNull(route, "route");
        int secret = random.nextInt();
        while (true) {
            int processId = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            if (byProcessId.putIfAbsent(processId, new Entry(secret, route)) == null) {
                return new BackendKeyData(processId, secret);
            }
        }
    }

    /** The route for a CancelRequest, when both its process id and its secret match a live session. */
    public Optional<Route> lookup(CancelRequest request) {
        Entry entry = byProcessId.get(request.processId());
        if (entry == null || !secretsMatch(entry.secretKey(), request.secretKey())) {
            return Optional.empty();
        }
        return Optional.of(entry.route());
    }

    /** Forgets a client key; a key that was already removed (or never issued) is ignored. */
    public void remove(BackendKeyData clientKey) {
        Entry entry = byProcessId.get(clientKey.processId());
        if (entry != null && entry.secretKey() == clientKey.secretKey()) {
            byProcessId.remove(clientKey.processId(), entry);
        }
    }

    public int size() {
        return byProcessId.size();
    }

    /** Compares without an early exit, so response timing says nothing about how many bits were right. */
    private static boolean secretsMatch(int expected, int presented) {
        return (expected ^ presented) == 0;
    }
}
