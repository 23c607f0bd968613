package dev.sluice.core.audit;

import dev.sluice.core.identity.Identity;
import dev.sluice.core.session.SessionContext;

import java.time.Clock;
import java.util.Objects;

/**
 * The fixed points at which protocol modules report a session's life to the audit log. Protocol modules call
 * these; they never build audit storage formats themselves. Command decisions are recorded by {@link
 * dev.sluice.core.gateway.Gate}, so no protocol can forget them.
 */
public final class Recorder {

    private final AuditLog log;
    private final Clock clock;

    public Recorder(AuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void sessionStarted(SessionContext session) {
        Identity who = session.identity();
        log.submit(new AuditEvent.SessionStarted(session.id(), clock.instant(), session.protocol(),
                session.connection().name(), who.subject(), who.displayName(), who.groups(),
                who.proof().name().toLowerCase(java.util.Locale.ROOT), who.issuer(), session.clientAddress(),
                session.applicationName()));
    }

    /**
     * @param subject the subject when known (authenticated but refused), else empty
     */
    public void sessionRefused(String sessionId, String protocol, String connection, String subject,
                               String clientAddress, String code, String reason) {
        log.submit(new AuditEvent.SessionRefused(sessionId, clock.instant(), protocol, nullToEmpty(connection),
                nullToEmpty(subject), clientAddress, code, reason));
    }

    public void sessionEnded(String sessionId, String reason, long commands, long bytesFromClient,
                             long bytesToClient) {
        log.submit(new AuditEvent.SessionEnded(sessionId, clock.instant(), reason, commands, bytesFromClient,
                bytesToClient));
    }

    public void applicationNameChanged(String sessionId, String applicationName) {
        log.submit(new AuditEvent.ApplicationNameChanged(sessionId, clock.instant(), applicationName));
    }

    public void commandCompleted(String sessionId, String commandId, long rows, long durationMicros,
                                 String errorCode) {
        log.submit(new AuditEvent.CommandCompleted(sessionId, clock.instant(), commandId, rows, durationMicros,
                errorCode));
    }

    /** The masking rules that fired on a command's results; nothing is recorded when none did. */
    public void resultMasked(String sessionId, String commandId, java.util.Collection<String> rules) {
        if (!rules.isEmpty()) {
            log.submit(new AuditEvent.ResultMasked(sessionId, clock.instant(), commandId,
                    rules.stream().sorted().distinct().toList()));
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
