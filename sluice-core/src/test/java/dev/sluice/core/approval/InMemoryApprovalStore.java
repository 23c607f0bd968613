package dev.sluice.core.approval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Approval requests in a map, for tests only (the real stores live in the store module). One lock stands for the
 * database's row lock. {@link #goDown()} makes every call fail as an unreachable database would.
 */
final class InMemoryApprovalStore implements ApprovalStore {

    private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();
    private final Map<String, List<String>> channels = new HashMap<>();
    private final InMemoryGrantStore grants;
    private volatile boolean down;

    /** @param grants where approving an access request puts its grant, as the real store does in one transaction */
    InMemoryApprovalStore(InMemoryGrantStore grants) {
        this.grants = grants;
    }

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    @Override
    public synchronized void create(ApprovalRequest request, List<String> channels) {
        reachable();
        requests.put(request.id(), request);
        this.channels.put(request.id(), List.copyOf(channels));
    }

    @Override
    public synchronized Optional<ApprovalRequest> find(String id) {
        reachable();
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized List<ApprovalRequest> list(ApprovalQuery query) {
        reachable();
        return requests.values().stream()
                .filter(r -> query.status().map(s -> s == r.status()).orElse(true))
                .filter(r -> query.kind().map(k -> k == r.kind()).orElse(true))
                .filter(r -> query.connection().map(c -> c.equals(r.connection())).orElse(true))
                .filter(r -> query.requester().map(q -> q.equals(r.requester())).orElse(true))
                .sorted(Comparator.comparing(ApprovalRequest::createdAt).reversed())
                .limit(query.limit())
                .toList();
    }

    @Override
    public synchronized List<String> channels(String id) {
        reachable();
        return channels.getOrDefault(id, List.of());
    }

    @Override
    public synchronized Optional<VoteResult> vote(String id, Vote vote, Function<ApprovalRequest, Verdict> judge) {
        reachable();
        ApprovalRequest current = requests.get(id);
        if (current == null) {
            return Optional.empty();
        }
        return Optional.of(switch (judge.apply(current)) {
            case Verdict.Refuse refuse -> refuse.refusal();
            case Verdict.Count count -> {
                List<Vote> votes = new ArrayList<>(current.votes());
                votes.add(vote);
                boolean resolves = count.status().isFinal();
                ApprovalRequest after = with(current, count.status(), votes,
                        resolves ? Optional.of(vote.at()) : Optional.empty(), count.resolution());
                requests.put(id, after);
                count.grant().ifPresent(grants::create);
                yield new VoteResult.Counted(after);
            }
        });
    }

    @Override
    public synchronized Optional<ApprovalRequest> resolve(String id, ApprovalStatus status, String resolution,
                                                          Instant at) {
        reachable();
        ApprovalRequest current = requests.get(id);
        if (current == null || current.status().isFinal()) {
            return Optional.empty();
        }
        ApprovalRequest after = with(current, status, current.votes(), Optional.of(at), resolution);
        requests.put(id, after);
        return Optional.of(after);
    }

    private static ApprovalRequest with(ApprovalRequest r, ApprovalStatus status, List<Vote> votes,
                                        Optional<Instant> resolvedAt, String resolution) {
        return new ApprovalRequest(r.id(), r.kind(), status, r.connection(), r.sessionId(), r.commandId(),
                r.requester(), r.requesterName(), r.requesterGroups(), r.rule(), r.statement(), r.justification(),
                r.approverGroups(), r.minApprovals(), r.accessWindow(), r.createdAt(), r.expiresAt(), votes,
                resolvedAt, resolution, r.holder());
    }

    private void reachable() {
        if (down) {
            throw new IllegalStateException("the test store is down");
        }
    }
}
