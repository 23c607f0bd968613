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
            case ResultMasked e -> "command.masked";
            case ApprovalRequested e -> "approval.requested";
            case ApprovalVoted e -> "approval.vote";
            case ApprovalResolved e -> "approval.resolved";
            case AccessGrantIssued e -> "grant.issued";
            case AccessGrantRevoked e -> "grant.revoked";
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
     * Masking rules fired on what a command returned: which column rules (by label, e.g. {@code phi-strict:ssn} or a
     * configured {@code match}) changed or withheld values. Recorded once per command, before its completion.
     */
    record ResultMasked(String sessionId, Instant at, String commandId, List<String> rules) implements AuditEvent {
        public ResultMasked {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(commandId, "commandId");
            rules = List.copyOf(rules);
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

    /**
     * A statement was held for approval, or just-in-time access was asked for. Access requests belong to no session:
     * their events, and those of their votes, resolution and grant, carry an empty {@code sessionId}. The statement
     * is not repeated here: its {@code command.decided} event (same {@code commandId}) holds its normalised text, and
     * the full text, scrubbed of PHI, stays with the request in the approvals store for reviewers; free text
     * (justification) is scrubbed before it is recorded.
     *
     * @param kind                {@code statement} or {@code access}
     * @param rule                the rule that asked for review; {@code access} for access requests
     * @param accessWindowSeconds for access requests, how long the grant lasts once approved; 0 for statements
     * @param holder              the gateway replica holding the statement; empty for access requests
     */
    record ApprovalRequested(String sessionId, Instant at, String approvalId, String kind, String connection,
                             String commandId, String requester, Set<String> requesterGroups, String rule,
                             String justification, List<String> approverGroups, int minApprovals,
                             long accessWindowSeconds, Instant expiresAt, String holder) implements AuditEvent {
        public ApprovalRequested {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
            requesterGroups = Set.copyOf(requesterGroups);
            approverGroups = List.copyOf(approverGroups);
        }
    }

    /**
     * A reviewer voted on a request, whether the vote counted or was refused (a refused self-approval is worth
     * knowing about).
     *
     * @param comment the reviewer's comment, scrubbed of PHI
     * @param result  {@code counted}, or the refusal code: {@code not-pending}, {@code self-approval},
     *                {@code not-an-approver}, {@code already-voted}
     */
    record ApprovalVoted(String sessionId, Instant at, String approvalId, String reviewer, String reviewerName,
                         Set<String> reviewerGroups, boolean approve, String comment, String result)
            implements AuditEvent {
        public ApprovalVoted {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
            reviewerGroups = Set.copyOf(reviewerGroups);
        }
    }

    /**
     * A request reached a final status.
     *
     * @param status     {@code approved}, {@code rejected}, {@code expired}, {@code withdrawn} or {@code abandoned}
     * @param resolution the sentence its requester was shown, e.g. {@code rejected by Bob: not during business hours}
     */
    record ApprovalResolved(String sessionId, Instant at, String approvalId, String kind, String status,
                            String resolution) implements AuditEvent {
        public ApprovalResolved {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** An approved access request gave its requester a time-boxed grant. {@code sessionId} is empty. */
    record AccessGrantIssued(String sessionId, Instant at, String grantId, String approvalId, String subject,
                             String connection, Instant startsAt, Instant endsAt) implements AuditEvent {
        public AccessGrantIssued {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A grant was revoked before its end. {@code sessionId} is empty.
     *
     * @param reason        the revoker's reason, scrubbed of PHI
     * @param sessionsEnded sessions this replica ended because of it (other replicas end theirs when they next check)
     */
    record AccessGrantRevoked(String sessionId, Instant at, String grantId, String approvalId, String subject,
                              String connection, String revokedBy, String reason, int sessionsEnded)
            implements AuditEvent {
        public AccessGrantRevoked {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(at, "at");
        }
    }
}
