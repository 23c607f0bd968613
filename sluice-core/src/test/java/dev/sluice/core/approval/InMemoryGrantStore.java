package dev.sluice.core.approval;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Access grants in a map, for tests only. */
final class InMemoryGrantStore implements GrantStore {

    private final Map<String, AccessGrant> grants = new LinkedHashMap<>();

    @Override
    public synchronized void create(AccessGrant grant) {
        grants.put(grant.id(), grant);
    }

    @Override
    public synchronized Optional<AccessGrant> find(String id) {
        return Optional.ofNullable(grants.get(id));
    }

    @Override
    public synchronized Optional<AccessGrant> active(String subject, String connection, Instant now) {
        return grants.values().stream()
                .filter(g -> g.subject().equals(subject) && g.connection().equals(connection) && g.activeAt(now))
                .max(Comparator.comparing(AccessGrant::endsAt));
    }

    @Override
    public synchronized List<AccessGrant> list(Optional<String> subject, Optional<Instant> activeAt, int limit) {
        return grants.values().stream()
                .filter(g -> subject.map(g.subject()::equals).orElse(true))
                .filter(g -> activeAt.map(g::activeAt).orElse(true))
                .sorted(Comparator.comparing(AccessGrant::startsAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<AccessGrant> revoke(String id, String by, Instant at) {
        AccessGrant g = grants.get(id);
        if (g == null || g.revokedAt().isPresent() || !at.isBefore(g.endsAt())) {
            return Optional.empty();
        }
        AccessGrant revoked = new AccessGrant(g.id(), g.approvalId(), g.subject(), g.connection(), g.reason(),
                g.startsAt(), g.endsAt(), Optional.of(at), by);
        grants.put(id, revoked);
        return Optional.of(revoked);
    }

}
