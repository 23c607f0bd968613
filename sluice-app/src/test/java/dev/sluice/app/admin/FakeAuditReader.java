package dev.sluice.app.admin;

import dev.sluice.core.audit.AuditReader;
import dev.sluice.core.audit.ChainVerification;
import dev.sluice.core.audit.SessionSummary;
import dev.sluice.core.audit.StoredAuditEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Sessions and events held in memory, for the admin API's tests. */
public final class FakeAuditReader implements AuditReader {

    private final List<SessionSummary> sessions = new ArrayList<>();
    private final List<StoredAuditEvent> events = new ArrayList<>();

    /** A recorded session with a start event and one decided command. */
    public synchronized SessionSummary record(String sessionId, String subject, Instant startedAt) {
        SessionSummary summary = new SessionSummary(sessionId, "postgresql", "clinic", subject, "127.0.0.1:50000",
                "psql", startedAt, Optional.empty(), "", 1, false);
        sessions.add(summary);
        long seq = events.size() + 1;
        events.add(new StoredAuditEvent(seq, startedAt, sessionId, "session.start",
                "{\"subject\":\"" + subject + "\",\"connection\":\"clinic\"}", "prev", "hash-" + seq));
        events.add(new StoredAuditEvent(seq + 1, startedAt.plusMillis(5), sessionId, "command.decided",
                "{\"commandId\":\"c1\",\"text\":\"SELECT * FROM patients WHERE id = ?\",\"outcome\":\"allow\"}",
                "hash-" + seq, "hash-" + (seq + 1)));
        return summary;
    }

    @Override
    public ChainVerification verify() {
        throw new UnsupportedOperationException("not used by the admin API");
    }

    @Override
    public synchronized List<SessionSummary> sessions(int limit) {
        return sessions.stream().sorted(Comparator.comparing(SessionSummary::startedAt).reversed()).limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<SessionSummary> session(String sessionId) {
        return sessions.stream().filter(s -> s.sessionId().equals(sessionId)).findFirst();
    }

    @Override
    public synchronized List<StoredAuditEvent> events(String sessionId) {
        return events.stream().filter(e -> e.sessionId().equals(sessionId)).toList();
    }
}
