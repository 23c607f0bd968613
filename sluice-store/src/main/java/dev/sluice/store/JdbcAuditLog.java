package dev.sluice.store;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.AuditLog;
import dev.sluice.core.audit.AuditUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;

/**
 * The audit log on the SQL store, written with group commit.
 *
 * <h2>Group commit</h2>
 * Producers (session threads) serialise their event to JSON themselves and put it on a bounded queue. One
 * writer thread takes everything queued (up to {@link AuditLogSettings#maxGroupSize()}) and writes it in one
 * transaction (see {@link AuditGroupWriter}): with many sessions, one commit, and one fsync, serves many events.
 * {@link #append} returns when its group has committed; {@link #submit} returns as soon as the event is queued.
 * Events from one thread are written in the order that thread produced them.
 *
 * <h2>Back-pressure</h2>
 * When the store falls behind and the queue is full, {@code submit} and {@code append} wait up to
 * {@link AuditLogSettings#enqueueWait()} for room, slowing the sessions that produce events rather than
 * letting memory grow. Nothing is dropped silently: a submitted event that still finds no room is counted in
 * {@link #lostEvents()} and logged as an error; an appended one fails with {@link AuditUnavailableException}.
 *
 * <h2>Failures</h2>
 * When a group fails to commit, the writer logs one line (the store's complaint, never event contents). Callers
 * of {@code append} in that group get {@link AuditUnavailableException} at once: under fail-closed the command
 * must not run. Submitted events are retried, ahead of newer events, after a doubling backoff, up to
 * {@link AuditLogSettings#maxRetries()} times; then they are counted lost and logged loudly. While submitted
 * events wait for a retry, an {@code append} does not wait for the backoff: it triggers an immediate attempt
 * that carries the waiting events along.
 *
 * <h2>Closing</h2>
 * {@link #close()} refuses new events, lets the writer flush everything queued (including retries), stops it and
 * closes its connection.
 */
public final class JdbcAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditLog.class);
    private static final long IDLE_POLL_MILLIS = 200;
    /** A lingering writer looks at {@code closed} at least this often. */
    private static final long MAX_LINGER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AuditGroupWriter groupWriter;
    private final AuditLogSettings settings;
    private final UnaryOperator<String> scrub;
    private final BlockingQueue<PendingEvent> queue;
    /** Producers hold the read side while enqueueing; close takes the write side, so none enqueue after it. */
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lastQueueFullLogNanos = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param scrub removes secrets from store error texts before they are logged or thrown
     */
    JdbcAuditLog(AuditGroupWriter groupWriter, AuditLogSettings settings, UnaryOperator<String> scrub) {
        this.groupWriter = groupWriter;
        this.settings = settings;
        this.scrub = scrub;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        // A platform thread: it lives as long as the log and spends its time in JDBC calls (native code for
        // SQLite), which would pin a virtual thread's carrier anyway.
        this.writer = Thread.ofPlatform().daemon().name("sluice-audit-writer").unstarted(this::runWriter);
    }

    /** Creates the log and starts its writer. */
    static JdbcAuditLog start(AuditGroupWriter groupWriter, AuditLogSettings settings, UnaryOperator<String> scrub) {
        JdbcAuditLog auditLog = new JdbcAuditLog(groupWriter, settings, scrub);
        auditLog.writer.start();
        return auditLog;
    }

    @Override
    public void append(AuditEvent event) throws AuditUnavailableException {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        Enqueued enqueued = enqueue(PendingEvent.of(event, committed));
        switch (enqueued) {
            case CLOSED -> throw new AuditUnavailableException("the audit log is closed", null);
            case QUEUE_FULL -> throw new AuditUnavailableException("the audit queue is full ("
                    + settings.queueCapacity() + " events waiting): the store is not keeping up", null);
            case INTERRUPTED -> throw new AuditUnavailableException("interrupted while queueing an audit event", null);
            case QUEUED -> {
            }
        }
        try {
            committed.get(settings.appendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Rethrown from here so the stack trace shows the caller, with the writer's failure as the cause.
            Throwable failure = e.getCause();
            throw new AuditUnavailableException(failure.getMessage(), failure.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("the audit store did not commit within "
                    + settings.appendTimeout().toSeconds() + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while waiting for the audit write", null);
        }
    }

    @Override
    public void submit(AuditEvent event) {
        switch (enqueue(PendingEvent.of(event, null))) {
            case QUEUED -> {
            }
            case CLOSED -> countLost(1, "the audit log is closed");
            case INTERRUPTED -> countLost(1, "the submitting thread was interrupted");
            case QUEUE_FULL -> {
                lost.incrementAndGet();
                long now = System.nanoTime();
                long last = lastQueueFullLogNanos.get();
                // One line per second at most: a full queue under load would otherwise flood the log.
                if (now - last >= TimeUnit.SECONDS.toNanos(1) && lastQueueFullLogNanos.compareAndSet(last, now)) {
                    log.error("audit events LOST: the queue stayed full ({} events) for {} ms; {} lost in total",
                            settings.queueCapacity(), settings.enqueueWait().toMillis(), lost.get());
                }
            }
        }
    }

    /** Events accepted but neither committed nor given up yet (queued, being written or awaiting a retry). */
    public long pendingEvents() {
        return pending.get();
    }

    /** Submitted events that were never written: the queue stayed full, or every retry failed. */
    public long lostEvents() {
        return lost.get();
    }

    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // keep waiting: the queued events must be flushed or accounted for
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private enum Enqueued { QUEUED, CLOSED, QUEUE_FULL, INTERRUPTED }

    private Enqueued enqueue(PendingEvent event) {
        closing.readLock().lock();
        try {
            if (closed) {
                return Enqueued.CLOSED;
            }
            pending.incrementAndGet();
            if (queue.offer(event, settings.enqueueWait().toNanos(), TimeUnit.NANOSECONDS)) {
                return Enqueued.QUEUED;
            }
            pending.decrementAndGet();
            return Enqueued.QUEUE_FULL;
        } catch (InterruptedException e) {
            pending.decrementAndGet();
            Thread.currentThread().interrupt();
            return Enqueued.INTERRUPTED;
        } finally {
            closing.readLock().unlock();
        }
    }

    private void runWriter() {
        try {
            writeLoop();
        } finally {
            // The writer's connection lives as long as the writer: closed once the last group is written.
            groupWriter.close();
        }
    }

    private void writeLoop() {
        List<PendingEvent> retrying = new ArrayList<>();
        long retryAtNanos = 0;
        while (true) {
            // Read before polling: once closed is seen, nothing new can be queued (see enqueue), so an empty
            // queue after this read means everything has been taken.
            boolean closing = closed;
            List<PendingEvent> fresh = new ArrayList<>();
            try {
                if (retrying.isEmpty()) {
                    PendingEvent first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closing) {
                            return;
                        }
                        continue;
                    }
                    fresh.add(first);
                } else {
                    awaitRetry(fresh, retryAtNanos);
                }
            } catch (InterruptedException e) {
                // Nobody interrupts the writer; if something does, carry on: what was taken must still be written.
            }
            if (fresh.isEmpty() && retrying.isEmpty()) {
                continue;
            }
            queue.drainTo(fresh, Math.max(0, settings.maxGroupSize() - retrying.size() - fresh.size()));
            if (!closing && retrying.isEmpty()) {
                lingerForMore(fresh);
            }
            boolean scheduledRetry = retrying.isEmpty() || System.nanoTime() - retryAtNanos >= 0;
            List<PendingEvent> group = new ArrayList<>(retrying.size() + fresh.size());
            group.addAll(retrying); // older events first: the chain keeps the order they were produced in
            group.addAll(fresh);
            retrying.clear();
            List<PendingEvent> toRetry = writeGroup(group, scheduledRetry);
            if (!toRetry.isEmpty()) {
                retrying.addAll(toRetry);
                // An early attempt (an append arrived) keeps the schedule; otherwise a steady stream of appends
                // would push the waiting events' retries back forever.
                if (scheduledRetry) {
                    int attempts = toRetry.stream().mapToInt(PendingEvent::attempts).max().orElse(1);
                    retryAtNanos = System.nanoTime() + settings.backoff(attempts).toNanos();
                }
            }
        }
    }

    /**
     * Lets a group of submitted events wait up to {@link AuditLogSettings#groupLinger()} for company, so that a
     * steady trickle of events shares commits. Returns at once when the group holds an awaited event ({@code append}
     * under fail-closed must not wait longer than its write) or when it is full.
     */
    private void lingerForMore(List<PendingEvent> group) {
        long lingerNanos = settings.groupLinger().toNanos();
        if (lingerNanos <= 0 || group.stream().anyMatch(PendingEvent::awaited)) {
            return;
        }
        long deadline = System.nanoTime() + lingerNanos;
        try {
            while (group.size() < settings.maxGroupSize()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || closed) {
                    return; // close() must not wait out a linger: it flushes right away
                }
                PendingEvent next = queue.poll(Math.min(remaining, MAX_LINGER_SLICE_NANOS), TimeUnit.NANOSECONDS);
                if (next == null) {
                    continue;
                }
                int firstNew = group.size();
                group.add(next);
                queue.drainTo(group, settings.maxGroupSize() - group.size());
                if (group.subList(firstNew, group.size()).stream().anyMatch(PendingEvent::awaited)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // Nobody interrupts the writer (see writeLoop); write what was gathered.
        }
    }

    /**
     * Waits until the retry is due, collecting newly queued events; returns early when an {@code append} arrives
     * (its caller must not sit out the backoff) or the group is full.
     */
    private void awaitRetry(List<PendingEvent> fresh, long retryAtNanos) throws InterruptedException {
        while (fresh.size() < settings.maxGroupSize()) {
            long remaining = retryAtNanos - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            PendingEvent next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            fresh.add(next);
            if (next.awaited()) {
                return;
            }
        }
    }

    /**
     * Writes a group and settles every event in it.
     *
     * @param scheduledRetry whether this attempt counts against the waiting events' retries (an early attempt
     *                       triggered by an {@code append} does not)
     * @return the submitted events to retry
     */
    private List<PendingEvent> writeGroup(List<PendingEvent> group, boolean scheduledRetry) {
        // Counters are settled before any caller is released, so a caller that returns sees them up to date.
        try {
            groupWriter.write(group);
            pending.addAndGet(-group.size());
            for (PendingEvent event : group) {
                if (event.awaited()) {
                    event.committed().complete(null);
                }
            }
            return List.of();
        } catch (Exception e) {
            String problem = scrub.apply(describe(e));
            log.warn("audit group of {} events not written: {}", group.size(), problem);
            List<PendingEvent> failedAppends = new ArrayList<>();
            List<PendingEvent> toRetry = new ArrayList<>();
            int givenUp = 0;
            for (PendingEvent event : group) {
                if (event.awaited()) {
                    failedAppends.add(event);
                    continue;
                }
                PendingEvent failed = event.attempts() == 0 || scheduledRetry ? event.failedOnce() : event;
                if (failed.attempts() > settings.maxRetries()) {
                    givenUp++;
                } else {
                    toRetry.add(failed);
                }
            }
            pending.addAndGet(-(failedAppends.size() + givenUp));
            if (givenUp > 0) {
                countLost(givenUp, "every retry failed: " + problem);
            }
            for (PendingEvent event : failedAppends) {
                event.committed().completeExceptionally(
                        new AuditUnavailableException("the audit store could not record the event: " + problem, null));
            }
            return toRetry;
        }
    }

    private void countLost(int count, String why) {
        long total = lost.addAndGet(count);
        log.error("{} audit event(s) LOST ({} lost in total): {}", count, total, why);
    }

    /** The exception's class and message and those of its causes: the database's own complaint. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(firstLine(t.getMessage()));
            }
        }
        return text.toString();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
