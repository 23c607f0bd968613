package dev.sluice.core.audit;

/**
 * Where audit events go. Implementations chain each event to the previous one by hash (see {@link AuditChain})
 * and write in groups, so many sessions share one commit.
 */
public interface AuditLog extends AutoCloseable {

    /**
     * Appends and waits until the event is durable (its group has committed).
     *
     * @throws AuditUnavailableException when the event could not be written
     */
    void append(AuditEvent event) throws AuditUnavailableException;

    /**
     * Queues the event for the next group commit and returns at once. A failure to write is logged and counted
     * by the implementation; callers that must not proceed without a record use {@link #append}.
     */
    void submit(AuditEvent event);

    /** Writes what is queued and releases the store. */
    @Override
    void close();
}
