package dev.sluice.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the admin API's answers for people at a terminal. Every text from the server passes
 * {@link TerminalText}; statements are always printed in full, never cut to fit a column.
 */
final class ApiReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDENT = "    ";

    private ApiReport() {
    }

    /** {@code --json}: the API's answer as it came, indented. */
    static void json(JsonNode node, PrintWriter out) {
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** One row per request, each followed by its full statement, indented. */
    static void approvals(JsonNode page, PrintWriter out, String none) {
        JsonNode items = page.path("items");
        if (items.isEmpty()) {
            out.println(none);
            return;
        }
        String format = "%-14s  %-9s  %-9s  %-12s  %-24s  %-18s  %-9s  %s%n";
        out.printf(format, "ID", "STATUS", "KIND", "CONNECTION", "REQUESTER", "RULE", "APPROVALS", "EXPIRES");
        for (JsonNode r : items) {
            out.printf(format, text(r, "id"), text(r, "status"), text(r, "kind"), text(r, "connection"),
                    text(r, "requester"), text(r, "rule"), r.path("approvals").asLong() + "/" + r.path("minApprovals").asLong(),
                    text(r, "expiresAt"));
            out.println(TerminalText.block(r.path("statement").asText(), INDENT));
        }
    }

    static void approval(JsonNode r, PrintWriter out) {
        String format = "%-14s %s%n";
        out.printf(format, "request", text(r, "id"));
        out.printf(format, "kind", text(r, "kind"));
        out.printf(format, "status", text(r, "status") + " (" + r.path("approvals").asLong() + " of "
                + r.path("minApprovals").asLong() + " approvals needed)");
        out.printf(format, "connection", text(r, "connection"));
        if (!r.path("sessionId").asText().isEmpty()) {
            out.printf(format, "session", text(r, "sessionId"));
        }
        out.printf(format, "requester", who(r.path("requesterName").asText(), r.path("requester").asText())
                + " [" + String.join(", ", strings(r.path("requesterGroups"))) + "]");
        out.printf(format, "rule", text(r, "rule"));
        List<String> approvers = strings(r.path("approverGroups"));
        out.printf(format, "approvers", approvers.isEmpty() ? "any reviewer" : "members of " + String.join(", ", approvers));
        if (r.path("accessWindow").isTextual()) {
            out.printf(format, "window", text(r, "accessWindow"));
        }
        out.printf(format, "created", text(r, "createdAt"));
        out.printf(format, "expires", text(r, "expiresAt"));
        if (r.path("resolvedAt").isTextual()) {
            out.printf(format, "resolved", text(r, "resolvedAt"));
        }
        if (!r.path("resolution").asText().isEmpty()) {
            out.printf(format, "resolution", text(r, "resolution"));
        }
        if (!r.path("holder").asText().isEmpty()) {
            out.printf(format, "held by", text(r, "holder"));
        }
        out.printf(format, "justification", r.path("justification").asText().isEmpty() ? "(none given)"
                : text(r, "justification"));
        out.println("statement (exactly as it will run):");
        out.println(TerminalText.block(r.path("statement").asText(), INDENT));
        JsonNode votes = r.path("votes");
        if (votes.isEmpty()) {
            out.println("votes: none yet");
            return;
        }
        out.println("votes:");
        for (JsonNode v : votes) {
            String comment = v.path("comment").asText();
            out.println(INDENT + text(v, "at") + "  " + text(v, "decision") + "  "
                    + who(v.path("reviewerName").asText(), v.path("reviewer").asText())
                    + (comment.isEmpty() ? "" : ": " + TerminalText.line(comment)));
        }
    }

    /** What became of the caller's vote, from the request as it stands after it. */
    static String voted(JsonNode r, boolean approve) {
        String id = text(r, "id");
        String status = r.path("status").asText();
        String count = r.path("approvals").asLong() + " of " + r.path("minApprovals").asLong() + " approvals";
        if (!approve) {
            return "rejected " + id;
        }
        return status.equals("approved")
                ? "approved " + id + " (" + count + "); it is released now"
                : "counted your approval of " + id + ": " + count + ", still " + TerminalText.line(status);
    }

    static void grants(JsonNode page, PrintWriter out, String none) {
        JsonNode items = page.path("items");
        if (items.isEmpty()) {
            out.println(none);
            return;
        }
        String format = "%-14s  %-24s  %-12s  %-27s  %-27s  %s%n";
        out.printf(format, "GRANT", "SUBJECT", "CONNECTION", "FROM", "UNTIL", "STATE");
        for (JsonNode g : items) {
            String state = g.path("active").asBoolean() ? "active"
                    : g.path("revokedAt").isTextual() ? "revoked by " + text(g, "revokedBy") : "ended";
            out.printf(format, text(g, "id"), text(g, "subject"), text(g, "connection"), text(g, "startsAt"),
                    text(g, "endsAt"), state);
        }
    }

    static void accessRequests(JsonNode page, PrintWriter out, String none) {
        JsonNode items = page.path("items");
        if (items.isEmpty()) {
            out.println(none);
            return;
        }
        String format = "%-14s  %-12s  %-7s  %-9s  %-27s  %s%n";
        out.printf(format, "REQUEST", "CONNECTION", "WINDOW", "STATUS", "ASKED", "REASON");
        for (JsonNode r : items) {
            out.printf(format, text(r, "id"), text(r, "connection"), text(r, "accessWindow"), text(r, "status"),
                    text(r, "createdAt"), text(r, "justification"));
        }
    }

    private static String who(String name, String subject) {
        return name.isEmpty() || name.equals(subject) ? TerminalText.line(subject)
                : TerminalText.line(name) + " <" + TerminalText.line(subject) + ">";
    }

    private static String text(JsonNode node, String field) {
        return TerminalText.line(node.path(field).asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(TerminalText.line(v.asText())));
        return values;
    }
}
