package dev.sluice.app.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.approval.ApprovalRequest;

import java.time.Instant;
import java.util.Locale;

/**
 * Sluice's own event body ({@code format: json}):
 * <pre>
 * {"event": "approval.requested" | "approval.resolved",
 *  "request": {"id", "kind", "status", "connection", "requester", "requester_name", "rule", "statement",
 *              "justification", "approver_groups", "min_approvals", "approvals", "created_at", "expires_at",
 *              "resolved_at", "resolution"},
 *  "links": {"request": "&lt;public_url&gt;/api/v1/approvals/&lt;id&gt;"}}
 * </pre>
 * Times are ISO-8601 in UTC; {@code resolved_at} is null while pending. The statement is the full text, as
 * reviewers see it (already scrubbed of PHI).
 */
final class JsonPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPayload() {
    }

    static byte[] render(ApprovalEvent event, ApprovalRequest request, String link) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", event.wireName());
        ObjectNode r = root.putObject("request");
        r.put("id", request.id());
        r.put("kind", request.kind().name().toLowerCase(Locale.ROOT));
        r.put("status", request.status().label());
        r.put("connection", request.connection());
        r.put("requester", request.requester());
        r.put("requester_name", request.requesterName());
        r.put("rule", request.rule());
        r.put("statement", request.statement());
        r.put("justification", request.justification());
        ArrayNode groups = r.putArray("approver_groups");
        request.approverGroups().forEach(groups::add);
        r.put("min_approvals", request.minApprovals());
        r.put("approvals", request.approvals());
        r.put("created_at", request.createdAt().toString());
        r.put("expires_at", request.expiresAt().toString());
        r.put("resolved_at", request.resolvedAt().map(Instant::toString).orElse(null));
        r.put("resolution", request.resolution());
        root.putObject("links").put("request", link);
        return bytes(root);
    }

    static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises; the message would quote content, so it is dropped.
            throw new IllegalStateException("cannot serialise a notification body (" + e.getClass().getSimpleName() + ")");
        }
    }
}
