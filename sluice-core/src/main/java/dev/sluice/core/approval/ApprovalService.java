package dev.sluice.core.approval;

import dev.sluice.core.audit.AuditChain;
import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.AuditLog;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.JitAccess;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.phi.TextScrubber;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.session.LiveSessions;
import dev.sluice.core.session.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Just-in-time approvals and access grants over an {@link ApprovalStore} and a {@link GrantStore}.
 *
 * <h2>How a held statement learns its fate</h2>
 * The session's thread waits in {@link HeldStatement#await}. A vote cast through this process wakes it at once; a
 * vote cast through another replica sharing the store is seen by polling the store every {@code pollInterval}. At its
 * deadline the waiter expires the request; a CancelRequest withdraws it from another thread. Every final transition
 * is a compare-and-set in the store, so exactly one of "approved", "rejected", "expired", "withdrawn" wins however
 * the replicas race. While the store cannot be reached the waiter keeps trying until the deadline, then gives up
 * with {@link HeldStatement.Outcome.Unavailable}: the statement never runs on a guess.
 *
 * <h2>What is stored and recorded</h2>
 * Statement text, justifications, comments and revocation reasons pass the {@link TextScrubber} before they are
 * stored, shown or audited. Every step is written to the audit log ({@code approval.requested},
 * {@code approval.vote} (refused votes too), {@code approval.resolved}, {@code grant.issued}, {@code grant.revoked})
 * by {@link AuditLog#submit}: the approvals store is the durable record of requests and decisions, the audit log
 * their tamper-evident history. Access requests have no session; their events carry an empty session id.
 *
 * <h2>Access requests</h2>
 * An access request waits {@link #ACCESS_REQUEST_TTL} for reviewers, then expires. The vote that approves it issues
 * the grant in the same store transaction: from the approval, for the window asked.
 *
 * <p>Requests past their deadline that nobody is waiting on (an access request; a statement whose gateway went away)
 * are expired when they are next read ({@link #find}, {@link #list}) or voted on, so no list shows a stale
 * "pending".
 */
public final class ApprovalService implements Approvals {

    private static final Logger log = LoggerFactory.getLogger(ApprovalService.class);

    /** How often a held statement asks the store whether another replica decided it. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    /** How long an access request waits for a decision before it expires. */
    public static final Duration ACCESS_REQUEST_TTL = Duration.ofHours(1);
    /** The shortest access window one may ask for. */
    public static final Duration MIN_ACCESS_WINDOW = Duration.ofMinutes(1);
    /** Free text (justification, comment, reason) longer than this is cut: it is a note, not a document. */
    static final int MAX_NOTE_LENGTH = 2_000;

    private final ApprovalStore requests;
    private final GrantStore grants;
    private final AuditLog auditLog;
    private final ApprovalNotifier notifier;
    private final TextScrubber scrubber;
    private final Clock clock;
    private final String replicaId;
    private final Duration pollInterval;
    private final Function<String, Optional<ConnectionSpec>> connections;
    private final LiveSessions liveSessions;
    /** Statements this process holds, by request id: votes cast here wake their waiter at once. */
    private final ConcurrentHashMap<String, LocalHold> holds = new ConcurrentHashMap<>();

    /**
     * @param requests     approval requests and votes
     * @param grants       access grants
     * @param auditLog     where every step is recorded
     * @param notifier     tells reviewers about new and decided requests (must not block)
     * @param scrubber     masks PHI in free text before it is stored or shown
     * @param clock        time of every step, and of deadlines
     * @param replicaId    this gateway process, stored as the holder of its statements; keep it stable across
     *                     restarts (e.g. the host name) so {@link #recoverAfterRestart()} finds what it held
     * @param pollInterval how often a held statement polls the store for decisions made through other replicas
     * @param connections  the connection configured under a name, for what a revoked grant does to open sessions
     * @param liveSessions the sessions open on this process
     */
    public ApprovalService(ApprovalStore requests, GrantStore grants, AuditLog auditLog, ApprovalNotifier notifier,
                           TextScrubber scrubber, Clock clock, String replicaId, Duration pollInterval,
                           Function<String, Optional<ConnectionSpec>> connections, LiveSessions liveSessions) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replicaId = Objects.requireNonNull(replicaId, "replicaId");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        this.connections = Objects.requireNonNull(connections, "connections");
        this.liveSessions = Objects.requireNonNull(liveSessions, "liveSessions");
    }

    /** With the default poll interval. */
    public ApprovalService(ApprovalStore requests, GrantStore grants, AuditLog auditLog, ApprovalNotifier notifier,
                           TextScrubber scrubber, Clock clock, String replicaId,
                           Function<String, Optional<ConnectionSpec>> connections, LiveSessions liveSessions) {
        this(requests, grants, auditLog, notifier, scrubber, clock, replicaId, DEFAULT_POLL_INTERVAL, connections,
                liveSessions);
    }

    @Override
    public HeldStatement hold(SessionContext session, String commandId, Decision.Review review, String statementText,
                              String justification) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(review, "review");
        Objects.requireNonNull(statementText, "statementText");
        Instant now = now();
        Identity who = session.identity();
        ApprovalRequest request = new ApprovalRequest(ApprovalIds.newRequestId(), ApprovalKind.STATEMENT,
                ApprovalStatus.PENDING, session.connection().name(), session.id(), commandId, who.subject(),
                who.displayName(), who.groups(), review.rule(), scrub(statementText), scrub(note(justification)),
                review.approverGroups(), review.minApprovals(), Duration.ZERO, now, now.plus(review.timeout()),
                List.of(), Optional.empty(), "", replicaId);
        try {
            requests.create(request, review.channels());
        } catch (RuntimeException e) {
            throw unavailable("store an approval request", e);
        }
        LocalHold hold = new LocalHold(this, request, pollInterval);
        holds.put(request.id(), hold);
        audit(requested(request));
        try {
            notifier.requested(request, review.channels());
        } catch (RuntimeException e) {
            log.warn("approval request {}: the notifier failed: {}", request.id(), e.getClass().getSimpleName());
        }
        return hold;
    }

    @Override
    public ApprovalRequest requestAccess(Identity requester, ConnectionSpec connection, Duration window,
                                         String reason) {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(connection, "connection");
        String name = connection.name();
        JitAccess jit = connection.access().jit().orElseThrow(() -> new IllegalArgumentException(
                "connection " + name + " does not take access requests"));
        if (!jit.mayRequest(requester.groups())) {
            throw new IllegalArgumentException("only members of " + String.join(", ", jit.requesterGroups())
                    + " may request access to " + name);
        }
        if (window == null || window.compareTo(MIN_ACCESS_WINDOW) < 0) {
            throw new IllegalArgumentException("an access window must be at least "
                    + DurationText.format(MIN_ACCESS_WINDOW));
        }
        if (window.compareTo(jit.maxWindow()) > 0) {
            throw new IllegalArgumentException("connection " + name + " grants access for at most "
                    + DurationText.format(jit.maxWindow()) + "; ask for a shorter window");
        }
        Duration accessWindow = window.truncatedTo(ChronoUnit.SECONDS);
        Instant now = now();
        ApprovalRequest request = new ApprovalRequest(ApprovalIds.newRequestId(), ApprovalKind.ACCESS,
                ApprovalStatus.PENDING, name, "", "", requester.subject(), requester.displayName(),
                requester.groups(), "access", "access to " + name + " for " + DurationText.format(accessWindow),
                scrub(note(reason)), jit.approverGroups(), jit.minApprovals(), accessWindow, now,
                now.plus(ACCESS_REQUEST_TTL), List.of(), Optional.empty(), "", "");
        try {
            requests.create(request, List.of());
        } catch (RuntimeException e) {
            throw unavailable("store an access request", e);
        }
        audit(requested(request));
        try {
            notifier.requested(request, List.of());
        } catch (RuntimeException e) {
            log.warn("access request {}: the notifier failed: {}", request.id(), e.getClass().getSimpleName());
        }
        return request;
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        Objects.requireNonNull(id, "id");
        try {
            return requests.find(id).map(this::expireIfOverdue);
        } catch (RuntimeException e) {
            throw unavailable("read approval request " + id, e);
        }
    }

    @Override
    public List<ApprovalRequest> list(ApprovalQuery query) {
        Objects.requireNonNull(query, "query");
        try {
            return requests.list(query).stream()
                    .map(this::expireIfOverdue)
                    .filter(r -> query.status().map(s -> s == r.status()).orElse(true))
                    .toList();
        } catch (RuntimeException e) {
            throw unavailable("list approval requests", e);
        }
    }

    @Override
    public VoteResult vote(String id, Identity reviewer, boolean approve, String comment) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reviewer, "reviewer");
        Vote vote = new Vote(reviewer.subject(), reviewer.displayName(), approve, scrub(note(comment)), now());
        AtomicReference<ApprovalRequest> judged = new AtomicReference<>();
        AtomicReference<AccessGrant> issued = new AtomicReference<>();
        Optional<VoteResult> result;
        try {
            result = requests.vote(id, vote, current -> {
                judged.set(current);
                Verdict verdict = VoteRules.judge(current, reviewer, vote, ApprovalIds::newGrantId);
                issued.set(verdict instanceof Verdict.Count count ? count.grant().orElse(null) : null);
                return verdict;
            });
        } catch (RuntimeException e) {
            throw unavailable("record a vote on " + id, e);
        }
        if (result.isEmpty()) {
            return VoteRules.notFound(id);
        }
        switch (result.get()) {
            case VoteResult.Counted counted -> {
                ApprovalRequest after = counted.request();
                audit(voted(after, reviewer, vote, "counted"));
                if (after.status().isFinal()) {
                    resolved(after);
                    if (issued.get() != null) {
                        audit(grantIssued(issued.get()));
                    }
                }
            }
            case VoteResult.Refused refused -> {
                ApprovalRequest before = judged.get();
                if (before != null) {
                    audit(voted(before, reviewer, vote, refused.code()));
                    try {
                        expireIfOverdue(before);
                    } catch (RuntimeException e) {
                        log.warn("approval request {} is overdue but could not be expired: {}", id, e.getMessage());
                    }
                }
            }
        }
        return result.get();
    }

    @Override
    public Optional<AccessGrant> activeGrant(String subject, String connection, Instant now) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(now, "now");
        try {
            return grants.active(subject, connection, now);
        } catch (RuntimeException e) {
            throw unavailable("read access grants", e);
        }
    }

    @Override
    public List<AccessGrant> grants(Optional<String> subject, boolean includeEnded, int limit) {
        Objects.requireNonNull(subject, "subject");
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
        try {
            return grants.list(subject, includeEnded ? Optional.empty() : Optional.of(now()), limit);
        } catch (RuntimeException e) {
            throw unavailable("list access grants", e);
        }
    }

    /**
     * Revokes the grant, then, when the connection's {@code on_expiry} is {@code end} (or the connection is no
     * longer configured: fail closed), ends the grantee's sessions on it that are open on this process and that the
     * connection's static access list would not admit on its own. Other replicas end theirs when they next check
     * their sessions' grants.
     */
    @Override
    public boolean revokeGrant(String grantId, Identity by, String reason) {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(by, "by");
        String safeReason = scrub(note(reason));
        Optional<AccessGrant> revoked;
        try {
            revoked = grants.revoke(grantId, by.subject(), now());
        } catch (RuntimeException e) {
            throw unavailable("revoke grant " + grantId, e);
        }
        if (revoked.isEmpty()) {
            return false;
        }
        AccessGrant grant = revoked.get();
        int ended = endsSessions(grant.connection()) ? endSessionsOf(grant) : 0;
        audit(new AuditEvent.AccessGrantRevoked("", now(), grant.id(), grant.approvalId(), grant.subject(),
                grant.connection(), by.subject(), safeReason, ended));
        return true;
    }

    /**
     * Marks ABANDONED the statements this replica was holding when it stopped: their sessions are gone, so nobody
     * will run them. Call once at startup, before serving.
     *
     * @return how many were abandoned
     */
    public int recoverAfterRestart() {
        ApprovalQuery pendingStatements = new ApprovalQuery(Optional.of(ApprovalStatus.PENDING),
                Optional.of(ApprovalKind.STATEMENT), Optional.empty(), Optional.empty(), 1000);
        int abandoned = 0;
        try {
            for (ApprovalRequest r : requests.list(pendingStatements)) {
                if (r.holder().equals(replicaId) && !holds.containsKey(r.id())
                        && resolve(r.id(), ApprovalStatus.ABANDONED,
                        "abandoned: the gateway holding it restarted").isPresent()) {
                    abandoned++;
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not abandon the statements held before the restart: {}", e.getMessage());
        }
        return abandoned;
    }

    /**
     * Marks ABANDONED every statement this process holds, waking their waiters (their clients get an error). For
     * shutdown.
     */
    public void shutdown(String reason) {
        for (LocalHold hold : List.copyOf(holds.values())) {
            try {
                resolve(hold.request().id(), ApprovalStatus.ABANDONED, "abandoned: " + reason);
            } catch (RuntimeException e) {
                log.warn("approval request {} could not be marked abandoned: {}", hold.request().id(),
                        e.getMessage());
            }
        }
    }

    // ---- used by LocalHold ----

    Instant now() {
        return AuditChain.storedTime(clock.instant());
    }

    /** The request as stored; throws when the store cannot answer. */
    Optional<ApprovalRequest> current(String id) {
        return requests.find(id);
    }

    /**
     * Moves a pending request to a final status (compare-and-set), then records, notifies and wakes a local waiter.
     * Throws when the store cannot answer.
     *
     * @return the resolved request; empty when it was already final
     */
    Optional<ApprovalRequest> resolve(String id, ApprovalStatus status, String resolution) {
        Optional<ApprovalRequest> resolved = requests.resolve(id, status, resolution, now());
        resolved.ifPresent(this::resolved);
        return resolved;
    }

    /** The waiter is done with its hold. */
    void release(LocalHold hold) {
        holds.remove(hold.request().id(), hold);
    }

    // ---- internals ----

    /** After any move to a final status: record, notify, wake the local waiter. */
    private void resolved(ApprovalRequest request) {
        audit(new AuditEvent.ApprovalResolved(request.sessionId(), request.resolvedAt().orElseGet(this::now),
                request.id(), label(request.kind()), request.status().label(), request.resolution()));
        try {
            notifier.resolved(request, requests.channels(request.id()));
        } catch (RuntimeException e) {
            log.warn("approval request {}: the notifier failed: {}", request.id(), e.getClass().getSimpleName());
        }
        LocalHold hold = holds.get(request.id());
        if (hold != null) {
            hold.decided(request);
        }
    }

    /** A pending request past its deadline is expired (first come, first served), and returned as it now stands. */
    private ApprovalRequest expireIfOverdue(ApprovalRequest request) {
        if (request.status() != ApprovalStatus.PENDING || now().isBefore(request.expiresAt())) {
            return request;
        }
        String resolution = "no decision within "
                + DurationText.format(Duration.between(request.createdAt(), request.expiresAt()));
        return resolve(request.id(), ApprovalStatus.EXPIRED, resolution)
                .or(() -> requests.find(request.id()))
                .orElse(request);
    }

    private boolean endsSessions(String connection) {
        return connections.apply(connection)
                .flatMap(c -> c.access().jit())
                .map(jit -> jit.onExpiry() == JitAccess.OnExpiry.END)
                .orElse(true);
    }

    /** Ends the grantee's sessions on this process that only the grant let in. */
    private int endSessionsOf(AccessGrant grant) {
        int ended = 0;
        for (SessionContext s : liveSessions.list()) {
            if (s.identity().subject().equals(grant.subject())
                    && s.connection().name().equals(grant.connection())
                    && !s.connection().access().admits(s.identity())
                    && liveSessions.end(s.id(), "access grant revoked")) {
                ended++;
            }
        }
        return ended;
    }

    private AuditEvent.ApprovalRequested requested(ApprovalRequest r) {
        return new AuditEvent.ApprovalRequested(r.sessionId(), r.createdAt(), r.id(), label(r.kind()),
                r.connection(), r.commandId(), r.requester(), r.requesterGroups(), r.rule(), r.justification(),
                r.approverGroups(), r.minApprovals(), r.accessWindow().toSeconds(), r.expiresAt(), r.holder());
    }

    private static AuditEvent.ApprovalVoted voted(ApprovalRequest r, Identity reviewer, Vote vote, String result) {
        return new AuditEvent.ApprovalVoted(r.sessionId(), vote.at(), r.id(), reviewer.subject(),
                reviewer.displayName(), reviewer.groups(), vote.approve(), vote.comment(), result);
    }

    private static AuditEvent.AccessGrantIssued grantIssued(AccessGrant g) {
        return new AuditEvent.AccessGrantIssued("", g.startsAt(), g.id(), g.approvalId(), g.subject(),
                g.connection(), g.startsAt(), g.endsAt());
    }

    private void audit(AuditEvent event) {
        try {
            auditLog.submit(event);
        } catch (RuntimeException e) {
            log.error("could not queue audit event {}: {}", event.type(), e.getClass().getSimpleName());
        }
    }

    private String scrub(String text) {
        try {
            return Objects.requireNonNull(scrubber.scrub(text), "scrubbed text");
        } catch (RuntimeException e) {
            // No cause: its message could quote the text being scrubbed.
            throw new ApprovalsUnavailableException("text could not be checked for PHI ("
                    + e.getClass().getSimpleName() + "), so it was not stored", null);
        }
    }

    private static String note(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        if (stripped.length() <= MAX_NOTE_LENGTH) {
            return stripped;
        }
        int end = Character.isHighSurrogate(stripped.charAt(MAX_NOTE_LENGTH - 1)) ? MAX_NOTE_LENGTH - 1
                : MAX_NOTE_LENGTH;
        return stripped.substring(0, end) + "…";
    }

    private static String label(ApprovalKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static ApprovalsUnavailableException unavailable(String what, RuntimeException e) {
        return new ApprovalsUnavailableException("the approvals store could not " + what + ": " + e.getMessage(), e);
    }
}
