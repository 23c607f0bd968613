package dev.sluice.app.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.config.Durations;
import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalQuery;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.approval.Approvals;
import dev.sluice.core.approval.VoteResult;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.identity.Identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Approval requests, access requests and access grants over HTTP.
 *
 * <p>Who sees what: reviewers and admins see every request; anyone else sees the requests they made, and a request
 * whose approver groups they belong to (the rule named them, so its notice or notification sent them here). Voting
 * is open to whoever may see a request; {@link Approvals#vote} then refuses self-approval, non-approvers and second
 * votes. Grants: admins see and revoke everyone's, anyone else their own.
 */
final class ApprovalsEndpoints {

    static final int MAX_COMMENT_CHARS = 2000;
    static final int MAX_REASON_CHARS = 1000;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final Optional<Approvals> approvals;
    private final AdminRoles roles;
    private final java.util.function.Function<String, Optional<ConnectionSpec>> connections;
    private final java.time.Clock clock;

    ApprovalsEndpoints(ApiServices services) {
        this.approvals = services.approvals();
        this.roles = services.roles();
        this.connections = services.connections();
        this.clock = services.clock();
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/v1/approvals", Access.AUTHENTICATED, this::list),
                Route.get("/api/v1/approvals/{id}", Access.AUTHENTICATED, this::show),
                Route.post("/api/v1/approvals/{id}/approve", Access.AUTHENTICATED, r -> vote(r, true)),
                Route.post("/api/v1/approvals/{id}/reject", Access.AUTHENTICATED, r -> vote(r, false)),
                Route.post("/api/v1/access-requests", Access.AUTHENTICATED, this::requestAccess),
                Route.get("/api/v1/grants", Access.AUTHENTICATED, this::grants),
                Route.post("/api/v1/grants/{id}/revoke", Access.AUTHENTICATED, this::revoke));
    }

    private AdminResponse list(ApiRequest request) {
        QueryParameters query = request.query().only("status", "kind", "connection", "mine", "limit");
        List<String> statuses = new ArrayList<>(ApiJson.lowerCaseNames(ApprovalStatus.values()));
        statuses.add("all");
        Optional<ApprovalStatus> status = query.oneOf("status", statuses).filter(s -> !s.equals("all"))
                .map(s -> ApprovalStatus.valueOf(s.toUpperCase(java.util.Locale.ROOT)));
        Optional<ApprovalKind> kind = query.oneOf("kind", ApiJson.lowerCaseNames(ApprovalKind.values()))
                .map(k -> ApprovalKind.valueOf(k.toUpperCase(java.util.Locale.ROOT)));
        Optional<String> connection = query.text("connection");
        boolean mine = query.bool("mine");
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        Identity caller = request.identity();
        Optional<String> requester = mine || !roles.isReviewer(caller) ? Optional.of(caller.subject()) : Optional.empty();
        List<ApprovalRequest> found = approvals().list(new ApprovalQuery(status, kind, connection, requester, limit));
        return AdminResponse.json(200, ApiJson.items(found, ApiJson::approval));
    }

    private AdminResponse show(ApiRequest request) {
        return AdminResponse.json(200, ApiJson.approval(visible(request.parameter("id"), request.identity())));
    }

    private AdminResponse vote(ApiRequest request, boolean approve) {
        Optional<String> comment = request.json().only("comment").text("comment", MAX_COMMENT_CHARS);
        if (!approve && comment.isEmpty()) {
            throw ApiProblem.badRequest("comment-required", "a rejection needs a comment saying why");
        }
        String id = request.parameter("id");
        Identity reviewer = request.identity();
        visible(id, reviewer);
        return switch (approvals().vote(id, reviewer, approve, comment.orElse(""))) {
            case VoteResult.Counted counted -> AdminResponse.json(200, ApiJson.approval(counted.request()));
            case VoteResult.Refused refused -> throw new ApiProblem(statusOf(refused.code()), refused.code(),
                    refused.message());
        };
    }

    /** The HTTP status of each refusal {@link VoteResult.Refused} documents; an unknown one is a conflict. */
    static int statusOf(String refusal) {
        return switch (refusal) {
            case "not-found" -> 404;
            case "self-approval", "not-an-approver" -> 403;
            case "not-pending", "already-voted" -> 409;
            default -> 409;
        };
    }

    private AdminResponse requestAccess(ApiRequest request) {
        JsonBody body = request.json().only("connection", "duration", "reason");
        String name = body.requiredText("connection", 200, "missing-field");
        String written = body.requiredText("duration", 40, "missing-field");
        String reason = body.requiredText("reason", MAX_REASON_CHARS, "missing-field");
        Duration window;
        try {
            window = Durations.parse(written);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("bad-field", "duration: " + e.getMessage());
        }
        if (window.isZero()) {
            throw ApiProblem.badRequest("bad-field", "duration must be longer than 0");
        }
        ConnectionSpec connection = connections.apply(name).orElseThrow(() -> new ApiProblem(404,
                "unknown-connection", "no connection is named '" + QueryParameters.printable(name) + "'"));
        ApprovalRequest created;
        try {
            created = approvals().requestAccess(request.identity(), connection, window, reason);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("access-request-refused", e.getMessage());
        }
        return AdminResponse.json(201, ApiJson.approval(created))
                .withHeader("Location", "/api/v1/approvals/" + created.id());
    }

    private AdminResponse grants(ApiRequest request) {
        QueryParameters query = request.query().only("all", "subject", "limit");
        boolean includeEnded = query.bool("all");
        int limit = query.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        Optional<String> subject = query.text("subject");
        Identity caller = request.identity();
        if (!roles.isAdmin(caller)) {
            if (subject.isPresent() && !subject.get().equals(caller.subject())) {
                throw ApiProblem.forbidden("only admins may list other people's grants");
            }
            subject = Optional.of(caller.subject());
        }
        List<AccessGrant> found = approvals().grants(subject, includeEnded, limit);
        java.time.Instant now = clock.instant();
        return AdminResponse.json(200, ApiJson.items(found, g -> ApiJson.grant(g, now)));
    }

    private AdminResponse revoke(ApiRequest request) {
        String reason = request.json().only("reason").text("reason", MAX_REASON_CHARS).orElse("");
        String id = request.parameter("id");
        Identity caller = request.identity();
        Approvals service = approvals();
        if (!roles.isAdmin(caller) && service.grants(Optional.of(caller.subject()), true, MAX_LIMIT).stream()
                .noneMatch(g -> g.id().equals(id))) {
            throw ApiProblem.forbidden("you may revoke only your own grants; revoking others' needs an admin group");
        }
        if (!service.revokeGrant(id, caller, reason)) {
            throw ApiProblem.notFound("no active grant has id " + id + " (unknown, expired or already revoked)");
        }
        ObjectNode answer = ApiJson.object();
        answer.put("id", id);
        answer.put("status", "revoked");
        return AdminResponse.json(200, answer);
    }

    /** The request, if the caller may see it: 404 when there is none, 403 when it is someone else's business. */
    private ApprovalRequest visible(String id, Identity caller) {
        ApprovalRequest request = approvals().find(id)
                .orElseThrow(() -> ApiProblem.notFound("no approval request has id " + id));
        boolean approver = request.approverGroups().stream().anyMatch(caller::inGroup);
        if (!roles.isReviewer(caller) && !approver && !request.requester().equals(caller.subject())) {
            throw ApiProblem.forbidden("this request is neither yours nor one your groups may decide");
        }
        return request;
    }

    private Approvals approvals() {
        return approvals.orElseThrow(() -> new ApiProblem(503, "approvals-unavailable",
                "approvals are not available on this gateway"));
    }
}
