package dev.sluice.store;

import dev.sluice.core.audit.AuditEvent;

/** What an audit event changes in its session's summary row. */
sealed interface SessionEffect {

    record Start(String protocol, String connection, String subject, String clientAddress, String applicationName)
            implements SessionEffect {
    }

    record Refusal(String protocol, String connection, String subject, String clientAddress, String code)
            implements SessionEffect {
    }

    record End(String reason, long commands) implements SessionEffect {
    }

    /** The client named itself after the start. */
    record Renamed(String applicationName) implements SessionEffect {
    }

    /** The gate judged one more command. */
    record Command() implements SessionEffect {
    }

    /** Recorded in the chain, but no change to the summary. */
    record None() implements SessionEffect {
    }

    static SessionEffect of(AuditEvent event) {
        return switch (event) {
            case AuditEvent.SessionStarted e -> new Start(e.protocol(), e.connection(), e.subject(),
                    e.clientAddress(), e.applicationName());
            case AuditEvent.SessionRefused e -> new Refusal(e.protocol(), e.connection(), e.subject(),
                    e.clientAddress(), e.code());
            case AuditEvent.SessionEnded e -> new End(e.reason(), e.commands());
            case AuditEvent.ApplicationNameChanged e -> new Renamed(e.applicationName());
            case AuditEvent.CommandDecided e -> new Command();
            case AuditEvent.CommandCompleted e -> new None();
            case AuditEvent.ResultMasked e -> new None();
            // Approval steps belong to the session's record but change nothing in its summary; access requests and
            // grants carry an empty session id and, having no effect, never create a summary row.
            case AuditEvent.ApprovalRequested e -> new None();
            case AuditEvent.ApprovalVoted e -> new None();
            case AuditEvent.ApprovalResolved e -> new None();
            case AuditEvent.AccessGrantIssued e -> new None();
            case AuditEvent.AccessGrantRevoked e -> new None();
        };
    }
}
