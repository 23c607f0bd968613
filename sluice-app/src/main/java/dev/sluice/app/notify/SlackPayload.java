package dev.sluice.app.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.config.Durations;
import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.sluice.app.notify.SlackText.TEXT_LIMIT;
import static dev.sluice.app.notify.SlackText.escape;

/**
 * A Slack incoming-webhook message ({@code format: slack}): a {@code text} fallback for notifications and
 * clients without blocks, and {@code blocks}: a header, the facts as fields (requester, connection, rule,
 * approvers, expiry or outcome), the statement in a code block, the justification, and a context line with the
 * request id, the command that approves it and a link to the full request. Every user-supplied string is escaped
 * ({@link SlackText}); a statement or justification too long for a block is cut and ends with
 * "… (full text: link)".
 */
final class SlackPayload {

    static final String APPROVE_COMMAND = "sluice approvals approve ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackPayload() {
    }

    static byte[] render(ApprovalEvent event, ApprovalRequest request, String link) {
        ObjectNode root = JSON.createObjectNode();
        root.put("text", SlackText.fit("", escape(fallback(event, request)), "", "…", TEXT_LIMIT));
        ArrayNode blocks = root.putArray("blocks");
        blocks.add(header(event, request));
        blocks.add(facts(event, request));
        blocks.add(statement(request, link));
        if (!request.justification().isEmpty()) {
            blocks.add(section(SlackText.fit("*Justification*\n", escape(request.justification()), "",
                    fullTextTail(link), TEXT_LIMIT)));
        }
        blocks.add(context(event, request, link));
        return JsonPayload.bytes(root);
    }

    /** One line for notifications and clients that do not show blocks; never holds the statement. */
    private static String fallback(ApprovalEvent event, ApprovalRequest r) {
        String subject = r.kind() == ApprovalKind.ACCESS
                ? "access to " + r.connection() + " for " + Durations.format(r.accessWindow())
                : "rule " + r.rule() + " on " + r.connection();
        return switch (event) {
            case REQUESTED -> "Approval needed: " + r.requesterName() + " asks for " + subject + ". Approve with: "
                    + APPROVE_COMMAND + r.id();
            case RESOLVED -> "Request " + r.id() + " " + r.status().label() + ": " + r.requesterName() + ", "
                    + subject;
        };
    }

    private static ObjectNode header(ApprovalEvent event, ApprovalRequest r) {
        String what = r.kind() == ApprovalKind.ACCESS ? "access to " + r.connection() : r.rule();
        String title = switch (event) {
            case REQUESTED -> r.kind() == ApprovalKind.ACCESS ? "Access requested: " + r.connection()
                    : "Approval needed: " + r.rule();
            case RESOLVED -> "Request " + r.status().label() + ": " + what;
        };
        ObjectNode header = JSON.createObjectNode().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", SlackText.plain(title, SlackText.HEADER_LIMIT));
        return header;
    }

    private static ObjectNode facts(ApprovalEvent event, ApprovalRequest r) {
        List<String> fields = new ArrayList<>();
        String requester = r.requesterName().equals(r.requester()) ? r.requester()
                : r.requesterName() + " (" + r.requester() + ")";
        fields.add(SlackText.field("Requester", escape(requester)));
        fields.add(SlackText.field("Connection", escape(r.connection())));
        if (r.kind() == ApprovalKind.ACCESS) {
            fields.add(SlackText.field("Window", escape(Durations.format(r.accessWindow()))));
        } else {
            fields.add(SlackText.field("Rule", escape(r.rule())));
        }
        String groups = r.approverGroups().isEmpty() ? "any reviewer" : String.join(", ", r.approverGroups());
        fields.add(SlackText.field("Approvers", escape(groups) + "\n" + r.approvals() + " of " + r.minApprovals()
                + " approval" + (r.minApprovals() == 1 ? "" : "s")));
        switch (event) {
            case REQUESTED -> fields.add(SlackText.field("Expires", date(r.expiresAt())));
            case RESOLVED -> fields.add(SlackText.field("Outcome", escape(r.status().label()
                    + (r.resolution().isEmpty() ? "" : ": " + r.resolution()))));
        }
        ObjectNode section = JSON.createObjectNode().put("type", "section");
        ArrayNode array = section.putArray("fields");
        fields.forEach(text -> array.addObject().put("type", "mrkdwn").put("text", text));
        return section;
    }

    /** The statement exactly as it will run, in a code block it cannot break out of. */
    private static ObjectNode statement(ApprovalRequest r, String link) {
        if (r.kind() == ApprovalKind.ACCESS) {
            return section(SlackText.fit("", escape(r.statement()), "", fullTextTail(link), TEXT_LIMIT));
        }
        return section(SlackText.fit("```\n", SlackText.breakFences(escape(r.statement())), "\n```",
                "\n" + fullTextTail(link), TEXT_LIMIT));
    }

    private static ObjectNode context(ApprovalEvent event, ApprovalRequest r, String link) {
        String text = "Request " + SlackText.inlineCode(r.id())
                + (event == ApprovalEvent.REQUESTED ? " · approve with " + SlackText.inlineCode(APPROVE_COMMAND + r.id())
                : "")
                + " · " + SlackText.link(link, "full request");
        ObjectNode context = JSON.createObjectNode().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", text); // an id and a link: far below the limit
        return context;
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode section = JSON.createObjectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
        return section;
    }

    private static String fullTextTail(String link) {
        return "… (full text: " + SlackText.link(link, "open") + ")";
    }

    /** Slack shows it in the reader's time zone; the fallback is UTC ISO-8601. */
    private static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + escape(at.toString()) + ">";
    }
}
