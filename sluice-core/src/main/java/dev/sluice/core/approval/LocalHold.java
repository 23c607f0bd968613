package dev.sluice.core.approval;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A statement this process holds for approval, and the session thread waiting on it. The waiter sleeps on a
 * condition that a vote cast in this process, a withdrawal or a resolution signals at once; between signals it
 * polls the store every poll interval, which is how decisions made through other replicas reach it.
 *
 * <p>Deadlines are read from the service's clock, so a test clock that jumps past the deadline expires the request
 * at the next poll.
 */
final class LocalHold implements HeldStatement {

    private static final Logger log = LoggerFactory.getLogger(LocalHold.class);

    private final ApprovalService service;
    private final ApprovalRequest request;
    private final Duration pollInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** The request once final, as this process learnt it; guarded by {@link #lock}. */
    private ApprovalRequest decided;
    /** Why the requester withdrew it, once they did; guarded by {@link #lock}. */
    private String withdrawal;
    /** Only the waiting thread reads and writes it. */
    private boolean storeUnreachable;

    LocalHold(ApprovalService service, ApprovalRequest request, Duration pollInterval) {
        this.service = service;
        this.request = request;
        this.pollInterval = pollInterval;
    }

    @Override
    public ApprovalRequest request() {
        return request;
    }

    /** The request reached a final status; wakes the waiter. */
    void decided(ApprovalRequest finalRequest) {
        lock.lock();
        try {
            if (decided == null) {
                decided = finalRequest;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Outcome await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        Instant deadline = service.now().plus(timeout);
        try {
            while (true) {
                Outcome outcome = settled();
                if (outcome != null) {
                    return outcome;
                }
                poll();
                outcome = settled();
                if (outcome != null) {
                    return outcome;
                }
                Instant now = service.now();
                if (!now.isBefore(deadline)) {
                    return expire(timeout);
                }
                Duration untilDeadline = Duration.between(now, deadline);
                long waitNanos = (untilDeadline.compareTo(pollInterval) < 0 ? untilDeadline : pollInterval).toNanos();
                lock.lock();
                try {
                    if (decided == null && withdrawal == null) {
                        changed.await(waitNanos, TimeUnit.NANOSECONDS);
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            withdraw("the session ended");
            throw e;
        } finally {
            service.release(this);
        }
    }

    @Override
    public void withdraw(String reason) {
        String why = reason == null || reason.isBlank() ? "the requester took it back" : reason.strip();
        boolean alreadyFinal;
        lock.lock();
        try {
            if (withdrawal == null) {
                withdrawal = why;
            }
            alreadyFinal = decided != null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (alreadyFinal) {
            return;
        }
        try {
            service.resolve(request.id(), ApprovalStatus.WITHDRAWN, "withdrawn: " + why);
        } catch (RuntimeException e) {
            log.warn("approval request {} could not be marked withdrawn (it stays pending until it expires): {}",
                    request.id(), e.getMessage());
        }
    }

    /** How the wait ends now, or null while it goes on. A rejection beats a withdrawal; a withdrawal an approval. */
    private Outcome settled() {
        lock.lock();
        try {
            if (decided != null && decided.status() != ApprovalStatus.APPROVED) {
                return outcomeOf(decided);
            }
            if (withdrawal != null) {
                return new Outcome.NotApproved(decided != null ? decided : request, "withdrawn: " + withdrawal);
            }
            return decided != null ? outcomeOf(decided) : null;
        } finally {
            lock.unlock();
        }
    }

    /** Asks the store whether the request was decided elsewhere; a store that cannot answer is asked again later. */
    private void poll() {
        try {
            Optional<ApprovalRequest> current = service.current(request.id());
            if (storeUnreachable) {
                log.info("approval request {}: the approvals store answers again", request.id());
                storeUnreachable = false;
            }
            current.filter(r -> r.status().isFinal()).ifPresent(this::decided);
        } catch (RuntimeException e) {
            if (!storeUnreachable) {
                log.warn("approval request {}: the approvals store cannot be reached; trying until the deadline: {}",
                        request.id(), e.getMessage());
                storeUnreachable = true;
            }
        }
    }

    /** The deadline passed: expire the request, unless someone decided it a moment earlier. */
    private Outcome expire(Duration timeout) {
        String resolution = "no decision within " + DurationText.format(timeout);
        try {
            Optional<ApprovalRequest> expired = service.resolve(request.id(), ApprovalStatus.EXPIRED, resolution);
            if (expired.isPresent()) {
                return new Outcome.NotApproved(expired.get(), resolution);
            }
            Optional<ApprovalRequest> current = service.current(request.id());
            if (current.isPresent() && current.get().status().isFinal()) {
                decided(current.get());
                return settled();
            }
        } catch (RuntimeException e) {
            log.warn("approval request {}: its deadline passed and the approvals store cannot be reached: {}",
                    request.id(), e.getMessage());
        }
        return new Outcome.Unavailable("approval request " + request.id()
                + " could not be decided: the approvals store cannot be reached");
    }

    private static Outcome outcomeOf(ApprovalRequest r) {
        if (r.status() == ApprovalStatus.APPROVED) {
            return new Outcome.Approved(r);
        }
        String reason = r.resolution().isBlank() ? "request " + r.id() + " was " + r.status().label()
                : r.resolution();
        return new Outcome.NotApproved(r, reason);
    }
}
