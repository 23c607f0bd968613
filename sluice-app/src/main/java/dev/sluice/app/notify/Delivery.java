package dev.sluice.app.notify;

import dev.sluice.core.approval.ApprovalRequest;

import java.util.Objects;
import java.util.UUID;

/**
 * One notification on its way to one webhook. Its body is rendered by the worker that sends it, so that the caller
 * only queues it.
 *
 * @param id the {@code X-Sluice-Delivery} value, the same for every attempt, so that a receiver can drop a repeat
 */
record Delivery(ApprovalEvent event, ApprovalRequest request, UUID id) {

    Delivery {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(id, "id");
    }
}
