package dev.sluice.core.gateway;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.AuditLog;
import dev.sluice.core.audit.AuditUnavailableException;
import dev.sluice.core.command.Command;
import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.Policy;
import dev.sluice.core.session.SessionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one place a command is judged. Deciding and recording are one call: the decision is written to the audit
 * log here, so no protocol module can forget it. With {@code failClosed}, the decision is only returned once it
 * is durable; if it cannot be written the command is denied.
 */
public final class Gate {

    private static final Logger log = LoggerFactory.getLogger(Gate.class);

    /** Rule name used when the audit log refuses a fail-closed write. */
    public static final String AUDIT_UNAVAILABLE_RULE = "audit-fail-closed";

    private final Function<ConnectionSpec, Policy> policies;
    private final AuditLog auditLog;
    private final Clock clock;
    private final boolean failClosed;

    /**
     * @param policies   the policy bound to each connection
     * @param auditLog   where decisions are recorded
     * @param clock      time source for event timestamps
     * @param failClosed whether a command may run only after its decision is durable
     */
    public Gate(Function<ConnectionSpec, Policy> policies, AuditLog auditLog, Clock clock, boolean failClosed) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.failClosed = failClosed;
    }

    /** A decision together with the id the audit log knows the command by. */
    public record Ruling(String commandId, Decision decision) {
    }

    public Ruling decide(SessionContext session, Command command) {
        String commandId = UUID.randomUUID().toString();
        Decision decision = policies.apply(session.connection()).decide(session, command);
        AuditEvent.CommandDecided event = decidedEvent(session, commandId, command, decision);
        if (!failClosed) {
            auditLog.submit(event);
            return new Ruling(commandId, decision);
        }
        try {
            auditLog.append(event);
            return new Ruling(commandId, decision);
        } catch (AuditUnavailableException e) {
            log.error("audit write failed; denying command under audit.fail_closed (session {}): {}",
                    session.id(), e.getMessage());
            return new Ruling(commandId, new Decision.Deny(AUDIT_UNAVAILABLE_RULE,
                    "the audit log cannot record this command right now, so it was not run"));
        }
    }

    private AuditEvent.CommandDecided decidedEvent(SessionContext session, String commandId, Command command,
                                                   Decision decision) {
        String rule = switch (decision) {
            case Decision.Allow a -> String.join(",", a.warnings());
            case Decision.Deny d -> d.rule();
            case Decision.Review r -> r.rule();
        };
        String reason = switch (decision) {
            case Decision.Allow a -> a.warnings().isEmpty() ? "" : "allowed, flagged by " + String.join(", ", a.warnings());
            case Decision.Deny d -> d.reason();
            case Decision.Review r -> "approval required from " + String.join(", ", r.approverGroups());
        };
        return switch (command) {
            case SqlCommand sql -> new AuditEvent.CommandDecided(session.id(), clock.instant(), commandId,
                    sql.auditText(), sql.kinds(), List.copyOf(sql.tables()), sql.parameterTypes().size(),
                    sql.parameterTypes(), decision.outcome(), rule, reason);
        };
    }
}
