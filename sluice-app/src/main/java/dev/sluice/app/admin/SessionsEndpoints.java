package dev.sluice.app.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.audit.AuditReader;
import dev.sluice.core.audit.StoredAuditEvent;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.session.LiveSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Sessions over HTTP: the recorded ones from the audit log (every replica's, since they share the store), the ones
 * open on this process, and ending one of those. Reviewers may read; only admins may end a session.
 */
final class SessionsEndpoints {

    static final int MAX_REASON_CHARS = 500;
    private static final int DEFAULT_SESSIONS = 50;
    private static final int DEFAULT_EVENTS = 1000;
    private static final int MAX_EVENTS = 100_000;

    private static final Logger log = LoggerFactory.getLogger(SessionsEndpoints.class);

    private final AuditReader audit;
    private final LiveSessions live;

    SessionsEndpoints(ApiServices services) {
        this.audit = services.audit();
        this.live = services.live();
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/v1/sessions", Access.REVIEWER, this::list),
                Route.get("/api/v1/sessions/live", Access.REVIEWER, this::listLive),
                Route.get("/api/v1/sessions/{id}", Access.REVIEWER, this::show),
                Route.get("/api/v1/sessions/{id}/events", Access.REVIEWER, this::events),
                Route.post("/api/v1/sessions/{id}/kill", Access.ADMIN, this::kill));
    }

    private AdminResponse list(ApiRequest request) {
        int limit = request.query().only("limit").integer("limit", 1, 1000, DEFAULT_SESSIONS);
        return AdminResponse.json(200, ApiJson.items(audit.sessions(limit), ApiJson::session));
    }

    private AdminResponse listLive(ApiRequest request) {
        request.query().only();
        return AdminResponse.json(200, ApiJson.items(live.list(), ApiJson::liveSession));
    }

    private AdminResponse show(ApiRequest request) {
        request.query().only();
        String id = request.parameter("id");
        return AdminResponse.json(200, ApiJson.session(audit.session(id)
                .orElseThrow(() -> ApiProblem.notFound("no session with id " + id + " is recorded"))));
    }

    /** A session's events in chain order; a very long session is cut at {@code limit}, and says so. */
    private AdminResponse events(ApiRequest request) {
        int limit = request.query().only("limit").integer("limit", 1, MAX_EVENTS, DEFAULT_EVENTS);
        String id = request.parameter("id");
        List<StoredAuditEvent> events = audit.events(id);
        if (events.isEmpty() && audit.session(id).isEmpty()) {
            throw ApiProblem.notFound("no session with id " + id + " is recorded");
        }
        ObjectNode page = ApiJson.items(events.subList(0, Math.min(limit, events.size())), ApiJson::event);
        page.put("truncated", events.size() > limit);
        return AdminResponse.json(200, page);
    }

    /** 202: the session is told to end; it finishes on its own thread (the client gets its error, the audit its end). */
    private AdminResponse kill(ApiRequest request) {
        String reason = request.json().only("reason").text("reason", MAX_REASON_CHARS).orElse("");
        String id = request.parameter("id");
        Identity admin = request.identity();
        String shown = reason.isEmpty() ? "terminated by an administrator" : "terminated by an administrator: " + reason;
        if (!live.end(id, shown)) {
            throw new ApiProblem(404, "not-live", "session " + id + " is not open on this gateway replica"
                    + " (it ended, or it is open on another replica: ask that replica's admin port)");
        }
        log.info("session {} ended through the admin API by {}", id, admin.subject());
        ObjectNode answer = ApiJson.object();
        answer.put("sessionId", id);
        answer.put("status", "ending");
        return AdminResponse.json(202, answer);
    }
}
