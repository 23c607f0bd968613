package dev.sluice.postgres.session;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The in-flight queue: messages sent upstream and not yet fully answered, oldest first. The client thread adds an
 * entry <em>before</em> it writes the message upstream, so the relay thread always finds the owner of an answer.
 *
 * <p>After an error answers an extended-protocol message, PostgreSQL skips every message up to the next Sync without
 * answering; {@link #head()} mirrors that by discarding those entries when it next looks, so entries the client adds
 * later to the same unit are skipped too.
 *
 * <p>Also tracks the two facts the client thread needs from the relay's side: whether a COPY FROM STDIN is running
 * (Sync and Flush then get no answer) and when the session last did anything (for the idle timeout).
 */
final class InFlight {

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Relay thread only. */
    private boolean skippingToSync;
    private volatile boolean copyIn;
    private volatile long lastActivityNanos = System.nanoTime();

    /** Client thread: call before writing the message upstream. */
    void add(Pending pending) {
        lastActivityNanos = System.nanoTime();
        queue.add(pending);
    }

    /** Relay thread: the entry that owns the next answer, after dropping entries the server is skipping. */
    Pending head() {
        Pending head = queue.peek();
        while (skippingToSync && head != null && head.kind() != Pending.Kind.SYNC) {
            queue.poll();
            head.finish();
            head = queue.peek();
        }
        return head;
    }

    /** Relay thread: the head has its full answer. */
    void pop() {
        Pending done = queue.poll();
        if (done == null) {
            return;
        }
        done.finish();
        if (done.kind() == Pending.Kind.SYNC) {
            skippingToSync = false;
        }
        if (queue.isEmpty()) {
            lastActivityNanos = System.nanoTime();
        }
    }

    /** Relay thread: an error answered an extended-protocol message; the server now skips to the next Sync. */
    void skipToSync() {
        skippingToSync = true;
    }

    boolean isBusy() {
        return !queue.isEmpty();
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    boolean copyIn() {
        return copyIn;
    }

    void copyIn(boolean running) {
        copyIn = running;
    }

    /** At session end: everything still queued will never be answered. Returns the commands that were running. */
    java.util.List<CommandRun> abandon() {
        java.util.List<CommandRun> running = new java.util.ArrayList<>();
        Pending p;
        while ((p = queue.poll()) != null) {
            p.finish();
            if (p.run() != null) {
                running.add(p.run());
            }
        }
        return running;
    }
}
