package dev.sluice.core.session;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The sessions open on this gateway process, and how to end one: what the admin API lists as live and what
 * {@code sluice sessions kill} and an expired access grant act on. Protocol modules register a session once it is
 * admitted and close the registration when it ends.
 */
public final class LiveSessions {

    /** An open session and how to end it. */
    private record Entry(SessionContext session, Consumer<String> ender) {
    }

    private final ConcurrentHashMap<String, Entry> open = new ConcurrentHashMap<>();

    /** Held by the session while it is open; closing it twice is harmless. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param ender ends the session with a reason the client is shown; called from another thread, must not block
     *              for long, and may be called after the session already ended
     */
    public Registration register(SessionContext session, Consumer<String> ender) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(ender, "ender");
        Entry entry = new Entry(session, ender);
        open.put(session.id(), entry);
        return () -> open.remove(session.id(), entry);
    }

    /** Open sessions, oldest first. */
    public List<SessionContext> list() {
        return open.values().stream().map(Entry::session)
                .sorted(Comparator.comparing(SessionContext::startedAt)).toList();
    }

    public Optional<SessionContext> find(String sessionId) {
        return Optional.ofNullable(open.get(sessionId)).map(Entry::session);
    }

    /** Ends one session; false when it is not open on this gateway. */
    public boolean end(String sessionId, String reason) {
        Entry entry = open.get(sessionId);
        if (entry == null) {
            return false;
        }
        entry.ender().accept(reason);
        return true;
    }

    /** Ends every session of {@code subject} on {@code connection} (an access grant ended); how many were ended. */
    public int endAll(String subject, String connection, String reason) {
        int ended = 0;
        for (Entry entry : List.copyOf(open.values())) {
            SessionContext s = entry.session();
            if (s.identity().subject().equals(subject) && s.connection().name().equals(connection)) {
                entry.ender().accept(reason);
                ended++;
            }
        }
        return ended;
    }
}
