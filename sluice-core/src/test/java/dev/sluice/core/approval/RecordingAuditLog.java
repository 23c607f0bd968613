package dev.sluice.core.approval;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.AuditLog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what it is given, for tests. */
final class RecordingAuditLog implements AuditLog {

    final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void append(AuditEvent event) {
        events.add(event);
    }

    @Override
    public void submit(AuditEvent event) {
        events.add(event);
    }

    @Override
    public void close() {
    }

    List<String> types() {
        return events.stream().map(AuditEvent::type).toList();
    }

    <T extends AuditEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
