package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.audit.SessionSummary;
import dev.sluice.core.audit.StoredAuditEvent;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
     * (rows, duration, error code) when it arrives, then the end. A statement held for review shows its approval
     * steps in words between its decision and its completion: the request, each vote (refused attempts too) and
     * the outcome. Access requests and grants, which belong to no session, replay the same way.
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
                case "command.masked" -> out.printf("%s         masked by %s%n", offset,
                        String.join(", ", texts(p.path("rules"))));
                case "approval.requested" -> out.printf("%s         %s%n", offset, approvalRequested(p));
                case "approval.vote" -> out.printf("%s         %s%n", offset, approvalVote(p));
                case "approval.resolved" -> out.printf("%s         approval %s %s: %s%n", offset,
                        p.path("approvalId").asText(), p.path("status").asText(), p.path("resolution").asText());
                case "grant.issued" -> out.printf("%s         access grant %s issued to %s on %s from %s until %s "
                                + "(request %s)%n", offset, p.path("grantId").asText(), p.path("subject").asText(),
                        p.path("connection").asText(), p.path("startsAt").asText(), p.path("endsAt").asText(),
                        p.path("approvalId").asText());
                case "grant.revoked" -> out.printf("%s         access grant %s of %s on %s revoked by %s%s; "
                                + "%d session(s) ended%n", offset, p.path("grantId").asText(),
                        p.path("subject").asText(), p.path("connection").asText(), p.path("revokedBy").asText(),
                        quoted(": ", p.path("reason").asText()), p.path("sessionsEnded").asLong());
                default -> out.printf("%s  %s %s%n", offset, event.type(), event.payloadJson());
            }
        }
    }

    /** {@code approval apr_… requested: 2 approvals from dba, oncall; expires …; justification "…"} */
    private static String approvalRequested(JsonNode p) {
        String what = p.path("kind").asText().equals("access")
                ? " by " + p.path("requester").asText() + ": access to " + p.path("connection").asText() + " for "
                + window(p.path("accessWindowSeconds").asLong())
                : " (rule " + p.path("rule").asText() + ")";
        long needed = p.path("minApprovals").asLong();
        List<String> approvers = new ArrayList<>();
        p.path("approverGroups").forEach(g -> approvers.add(g.asText()));
        String from = approvers.isEmpty() ? "any reviewer" : String.join(", ", approvers);
        return "approval " + p.path("approvalId").asText() + " requested" + what + ": " + needed
                + (needed == 1 ? " approval" : " approvals") + " from " + from + "; expires "
                + p.path("expiresAt").asText() + quoted("; justification ", p.path("justification").asText());
    }

    /** {@code bob (Bob) approves apr_…: "ok"}, or a refused attempt and why. */
    private static String approvalVote(JsonNode p) {
        String who = p.path("reviewer").asText();
        String name = p.path("reviewerName").asText();
        String reviewer = name.isEmpty() || name.equals(who) ? who : who + " (" + name + ")";
        boolean approve = p.path("approve").asBoolean();
        String id = p.path("approvalId").asText();
        String result = p.path("result").asText();
        String comment = quoted(": ", p.path("comment").asText());
        if (result.equals("counted")) {
            return reviewer + (approve ? " approves " : " rejects ") + id + comment;
        }
        return reviewer + " tried to " + (approve ? "approve " : "reject ") + id + ": refused (" + result + ")";
    }

    private static String quoted(String prefix, String text) {
        return text.isEmpty() ? "" : prefix + "\"" + text + "\"";
    }

    private static String window(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        StringBuilder text = new StringBuilder();
        if (d.toHours() > 0) {
            text.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            text.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(d.toSecondsPart()).append('s');
        }
        return text.toString();
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

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
