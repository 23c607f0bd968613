package dev.sluice.app.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.config.Durations;
import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.Vote;
import dev.sluice.core.audit.SessionSummary;
import dev.sluice.core.audit.StoredAuditEvent;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.session.SessionContext;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The API's JSON shapes, written field by field: what a record gains later is not published until someone decides
 * it belongs here. Field names are camelCase like the audit payloads; instants are ISO-8601 UTC; an absent
 * instant is {@code null}. The OpenAPI document describes the same shapes.
 */
final class ApiJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper PARSER = new ObjectMapper();

    private ApiJson() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code {"items":[…]}}: a list is wrapped so that paging fields can join it later without breaking clients. */
    static <T> ObjectNode items(Collection<T> values, Function<T, JsonNode> render) {
        ObjectNode page = object();
        ArrayNode items = page.putArray("items");
        values.forEach(v -> items.add(render.apply(v)));
        return page;
    }

    static ObjectNode identity(Identity identity, AdminRoles roles) {
        ObjectNode node = object();
        node.put("subject", identity.subject());
        node.put("displayName", identity.displayName());
        strings(node.putArray("groups"), new TreeSet<>(identity.groups()));
        node.put("issuer", identity.issuer());
        node.put("proof", identity.proof().name().toLowerCase(Locale.ROOT));
        ArrayNode granted = node.putArray("roles");
        if (roles.isAdmin(identity)) {
            granted.add("admin");
        }
        if (roles.isReviewer(identity)) {
            granted.add("reviewer");
        }
        return node;
    }

    static ObjectNode approval(ApprovalRequest r) {
        ObjectNode node = object();
        node.put("id", r.id());
        node.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
        node.put("status", r.status().label());
        node.put("connection", r.connection());
        node.put("sessionId", r.sessionId());
        node.put("commandId", r.commandId());
        node.put("requester", r.requester());
        node.put("requesterName", r.requesterName());
        strings(node.putArray("requesterGroups"), new TreeSet<>(r.requesterGroups()));
        node.put("rule", r.rule());
        node.put("statement", r.statement());
        node.put("justification", r.justification());
        strings(node.putArray("approverGroups"), r.approverGroups());
        node.put("minApprovals", r.minApprovals());
        node.put("approvals", r.approvals());
        if (r.kind() == ApprovalKind.ACCESS) {
            node.put("accessWindow", Durations.format(r.accessWindow()));
        } else {
            node.putNull("accessWindow");
        }
        instant(node, "createdAt", r.createdAt());
        instant(node, "expiresAt", r.expiresAt());
        ArrayNode votes = node.putArray("votes");
        r.votes().forEach(v -> votes.add(vote(v)));
        instant(node, "resolvedAt", r.resolvedAt());
        node.put("resolution", r.resolution());
        node.put("holder", r.holder());
        return node;
    }

    private static ObjectNode vote(Vote v) {
        ObjectNode node = object();
        node.put("reviewer", v.reviewer());
        node.put("reviewerName", v.reviewerName());
        node.put("decision", v.approve() ? "approve" : "reject");
        node.put("comment", v.comment());
        instant(node, "at", v.at());
        return node;
    }

    static ObjectNode grant(AccessGrant g, Instant now) {
        ObjectNode node = object();
        node.put("id", g.id());
        node.put("approvalId", g.approvalId());
        node.put("subject", g.subject());
        node.put("connection", g.connection());
        node.put("reason", g.reason());
        instant(node, "startsAt", g.startsAt());
        instant(node, "endsAt", g.endsAt());
        instant(node, "revokedAt", g.revokedAt());
        node.put("revokedBy", g.revokedBy());
        node.put("active", g.activeAt(now));
        return node;
    }

    static ObjectNode session(SessionSummary s) {
        ObjectNode node = object();
        node.put("sessionId", s.sessionId());
        node.put("protocol", s.protocol());
        node.put("connection", s.connection());
        node.put("subject", s.subject());
        node.put("clientAddress", s.clientAddress());
        node.put("applicationName", s.applicationName());
        instant(node, "startedAt", s.startedAt());
        instant(node, "endedAt", s.endedAt());
        node.put("endReason", s.endReason());
        node.put("commands", s.commands());
        node.put("refused", s.refused());
        node.put("state", s.refused() ? "refused" : s.open() ? "open" : "ended");
        return node;
    }

    static ObjectNode liveSession(SessionContext s) {
        ObjectNode node = object();
        node.put("sessionId", s.id());
        node.put("protocol", s.protocol());
        node.put("connection", s.connection().name());
        node.put("subject", s.identity().subject());
        node.put("displayName", s.identity().displayName());
        node.put("clientAddress", s.clientAddress());
        node.put("applicationName", s.applicationName());
        instant(node, "startedAt", s.startedAt());
        return node;
    }

    /** The payload as the JSON object it was stored as; a row that does not parse is shown as text, not hidden. */
    static ObjectNode event(StoredAuditEvent e) {
        ObjectNode node = object();
        node.put("seq", e.seq());
        instant(node, "at", e.at());
        node.put("type", e.type());
        try {
            node.set("payload", PARSER.readTree(e.payloadJson()));
        } catch (JsonProcessingException ex) {
            node.putNull("payload");
            node.put("payloadText", e.payloadJson());
        }
        return node;
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static void instant(ObjectNode node, String field, Instant at) {
        node.put(field, at.toString());
    }

    private static void instant(ObjectNode node, String field, Optional<Instant> at) {
        if (at.isPresent()) {
            instant(node, field, at.get());
        } else {
            node.putNull(field);
        }
    }

    static List<String> lowerCaseNames(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }
}
