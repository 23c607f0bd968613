package dev.sluice.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One thing that happened, as the audit log records it. Every field is safe to store: no secrets, no tokens,
 * no raw row values; SQL appears only in its normalised form (literals replaced by {@code ?}).
 */
public sealed interface AuditEvent {

    /** Session id the event belongs to; a refused session still gets an id so its attempt can be found. */
    String sessionId();

    Instant at();

    /** Stable type name stored with the event. */
    default String type() {
        return switch (this) {
            case SessionStarted e -> "session.start";
            case SessionRefused e -> "session.refused";
            case SessionEnded e -> "session.end";
            case ApplicationNameChanged e -> "session.application_name";
            case CommandDecided e -> "command.decided";
            case CommandCompleted e -> "command.completed";
        };
    }

    record SessionStarted(String sessionId, Instant at, String protocol, String connection, String subject,
                          String displayName, Set<String> groups, String proof, String issuer,
                          String clientAddress, String applicationName) implements AuditEvent {
        public SessionStarted {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
            groups = Set.copyOf(groups);
        }
    }

    /**
     * A client was turned away before a session began.
     *
     * @param subject the identity's subject when authentication succeeded but access did not; empty otherwise
     * @param code    the protocol-neutral refusal code, e.g. {@code bad-credential}, {@code no-access}, {@code limit}
     * @param reason  a safe human sentence
     */
    record SessionRefused(String sessionId, Instant at, String protocol, String connection, String subject,
                          String clientAddress, String code, String reason) implements AuditEvent {
        public SessionRefused {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * @param reason how it ended: {@code client-terminate}, {@code client-disconnect}, {@code upstream-closed},
     *               {@code idle-timeout}, {@code protocol-error}, {@code shutdown}
     */
    record SessionEnded(String sessionId, Instant at, String reason, long commands, long bytesFromClient,
                        long bytesToClient) implements AuditEvent {
        public SessionEnded {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The client named itself after the session began. Clients that do not send {@code application_name} at startup
     * (pgjdbc, unless told the server's version in advance, sets it with a statement once connected) would otherwise
     * leave the session unnamed in the log.
     */
    record ApplicationNameChanged(String sessionId, Instant at, String applicationName) implements AuditEvent {
        public ApplicationNameChanged {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
            applicationName = applicationName == null ? "" : applicationName;
        }
    }

    /** The gate decided about a command, before anything was forwarded. */
    record CommandDecided(String sessionId, Instant at, String commandId, String text, List<String> kinds,
                          List<String> tables, int parameterCount, List<String> parameterTypes, String outcome,
                          String rule, String reason) implements AuditEvent {
        public CommandDecided {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
            kinds = List.copyOf(kinds);
            tables = List.copyOf(tables);
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    /**
     * A command finished upstream (or was refused locally).
     *
     * @param rows           rows returned or affected
     * @param durationMicros from forwarding to the last byte of the answer
     * @param errorCode      the protocol's error code (PostgreSQL SQLSTATE) or empty on success; the error text is
     *                       not stored because it can echo row values
     */
    record CommandCompleted(String sessionId, Instant at, String commandId, long rows, long durationMicros,
                            String errorCode) implements AuditEvent {
        public CommandCompleted {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
            errorCode = errorCode == null ? "" : errorCode;
        }
    }
}
