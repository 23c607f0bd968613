package dev.sluice.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * Reads the audit log back: proves the chain, lists sessions and replays their events. Implemented by the store
 * module; the store owns the connections, so a reader needs no closing of its own.
 */
public interface AuditReader {

    /** Walks the whole chain in seq order and reports the first place it is broken, if any. */
    ChainVerification verify();

    /** The most recently started sessions, newest first. */
    List<SessionSummary> sessions(int limit);

    Optional<SessionSummary> session(String sessionId);

    /** Every event of one session, in chain order. */
    List<StoredAuditEvent> events(String sessionId);
}
