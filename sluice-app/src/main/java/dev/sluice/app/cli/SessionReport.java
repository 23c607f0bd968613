package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.audit.SessionSummary;
import dev.sluice.core.audit.StoredAuditEvent;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders sessions and their audit events for people at a terminal. */
final class SessionReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionReport() {
    }

    static void list(List<SessionSummary> sessions, PrintWriter out) {
        if (sessions.isEmpty()) {
            out.println("no sessions recorded yet");
            return;
        }
        out.printf("%-36s  %-20s  %-24s  %-12s  %8s  %s%n", "SESSION", "STARTED", "SUBJECT", "CONNECTION", "COMMANDS",
                "STATE");
        for (SessionSummary s : sessions) {
            // Seconds are enough to find a session in a list; `sessions show` prints the exact instant.
            out.printf("%-36s  %-20s  %-24s  %-12s  %8d  %s%n", s.sessionId(),
                    s.startedAt().truncatedTo(ChronoUnit.SECONDS), s.subject(), s.connection(), s.commands(), state(s));
        }
    }

    static void summary(SessionSummary s, PrintWriter out) {
        out.printf("session     %s%n", s.sessionId());
        out.printf("subject     %s%n", s.subject());
        out.printf("connection  %s (%s)%n", s.connection(), s.protocol());
        out.printf("client      %s%s%n", s.clientAddress(),
                s.applicationName().isEmpty() ? "" : " [" + s.applicationName() + "]");
        out.printf("started     %s%n", s.startedAt());
        out.printf("state       %s%n", state(s));
        out.printf("commands    %d%n", s.commands());
    }

    private static String state(SessionSummary s) {
        if (s.refused()) {
            return "refused";
        }
        return s.endedAt().map(end -> "ended (" + s.endReason() + ")").orElse("open");
    }

    /**
     * A timeline: session start, then each command as {@code +offset decision text}, followed by its completion
     * (rows, duration, error code) when it arrives, then the end.
     */
    static void replay(List<StoredAuditEvent> events, PrintWriter out) {
        Instant origin = events.getFirst().at();
        Map<String, String> textByCommand = new HashMap<>();
        for (StoredAuditEvent event : events) {
            JsonNode p = parse(event.payloadJson());
            String offset = offset(origin, event.at());
            switch (event.type()) {
                case "session.start" -> out.printf("%s  session start: %s %s -> %s from %s%s%n", offset,
                        p.path("subject").asText(), p.path("groups"), p.path("connection").asText(),
                        p.path("clientAddress").asText(), app(p));
                case "session.refused" -> out.printf("%s  session refused (%s): %s%n", offset,
                        p.path("code").asText(), p.path("reason").asText());
                case "command.decided" -> {
                    textByCommand.put(p.path("commandId").asText(), p.path("text").asText());
                    String rule = p.path("rule").asText();
                    out.printf("%s  %-6s %s%s%n", offset, p.path("outcome").asText().toUpperCase(java.util.Locale.ROOT),
                            p.path("text").asText(), rule.isEmpty() ? "" : "   [rule " + rule + ": " + p.path("reason").asText() + "]");
                }
                case "command.completed" -> {
                    String error = p.path("errorCode").asText();
                    out.printf("%s         -> %d row(s) in %.3f ms%s%n", offset, p.path("rows").asLong(),
                            p.path("durationMicros").asLong() / 1000.0, error.isEmpty() ? "" : ", error " + error);
                }
                case "session.application_name" -> out.printf("%s  application_name: %s%n", offset,
                        p.path("applicationName").asText());
                case "session.end" -> out.printf("%s  session end (%s): %d command(s), %d bytes in, %d bytes out%n",
                        offset, p.path("reason").asText(), p.path("commands").asLong(),
                        p.path("bytesFromClient").asLong(), p.path("bytesToClient").asLong());
                default -> out.printf("%s  %s %s%n", offset, event.type(), event.payloadJson());
            }
        }
    }

    private static String app(JsonNode p) {
        String app = p.path("applicationName").asText();
        return app.isEmpty() ? "" : " [" + app + "]";
    }

    private static String offset(Instant origin, Instant at) {
        Duration d = Duration.between(origin, at);
        return String.format("+%8.3fs", d.toNanos() / 1e9);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliFailure("audit event is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
