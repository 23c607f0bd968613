package dev.sluice.app.admin;

import dev.sluice.core.identity.Identity;
import dev.sluice.core.session.LiveSessions;
import dev.sluice.core.session.SessionContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded and live sessions, and ending one, through {@code /api/v1/sessions}. */
class SessionsApiTest {

    @TempDir
    Path dir;

    private ApiFixture api;
    private ApiCalls calls;
    private String reviewer;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(dir);
        calls = new ApiCalls(api.url());
        reviewer = api.token("rita@example.com", "sluice-reviewers");
        admin = api.token("ada@example.com", "sluice-admins");
    }

    @AfterEach
    void stop() {
        calls.close();
        api.close();
    }

    private LiveSessions.Registration open(String id, List<String> endedWith) {
        SessionContext session = new SessionContext(id, "postgresql",
                new Identity("uma@example.com", "Uma", Set.of("dev"), Identity.Proof.LOCAL_TOKEN, "sluice-local"),
                ApiFixture.clinic(), "127.0.0.1:50000", "psql", Instant.now());
        return api.live.register(session, endedWith::add);
    }

    @Test
    void reviewersListAndReadRecordedSessions() throws Exception {
        Instant now = Instant.now();
        api.audit.record("s-old", "uma@example.com", now.minusSeconds(60));
        api.audit.record("s-new", "bob@example.com", now);

        ApiCalls.Answer list = calls.get("/api/v1/sessions?limit=10", reviewer);
        ApiCalls.Answer show = calls.get("/api/v1/sessions/s-old", reviewer);
        ApiCalls.Answer events = calls.get("/api/v1/sessions/s-old/events", reviewer);
        ApiCalls.Answer firstEvent = calls.get("/api/v1/sessions/s-old/events?limit=1", reviewer);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").get(0).path("sessionId").asText()).isEqualTo("s-new");
        assertThat(list.json().path("items").get(1).path("sessionId").asText()).isEqualTo("s-old");
        assertThat(show.json().path("subject").asText()).isEqualTo("uma@example.com");
        assertThat(show.json().path("state").asText()).isEqualTo("open");
        assertThat(events.json().path("items").size()).isEqualTo(2);
        assertThat(events.json().path("items").get(1).path("type").asText()).isEqualTo("command.decided");
        assertThat(events.json().path("items").get(1).path("payload").path("text").asText())
                .isEqualTo("SELECT * FROM patients WHERE id = ?");
        assertThat(events.json().path("truncated").asBoolean()).isFalse();
        assertThat(firstEvent.json().path("items").size()).isEqualTo(1);
        assertThat(firstEvent.json().path("truncated").asBoolean()).isTrue();
    }

    @Test
    void anUnrecordedSessionIsNotFound() throws Exception {
        assertThat(calls.get("/api/v1/sessions/s-none", reviewer).status()).isEqualTo(404);
        assertThat(calls.get("/api/v1/sessions/s-none/events", reviewer).status()).isEqualTo(404);
    }

    @Test
    void liveSessionsAreThoseOpenOnThisProcess() throws Exception {
        List<String> ended = new CopyOnWriteArrayList<>();
        try (LiveSessions.Registration ignored = open("s-live", ended)) {
            ApiCalls.Answer live = calls.get("/api/v1/sessions/live", reviewer);

            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().path("items").size()).isEqualTo(1);
            assertThat(live.json().path("items").get(0).path("sessionId").asText()).isEqualTo("s-live");
            assertThat(live.json().path("items").get(0).path("connection").asText()).isEqualTo("clinic");
            assertThat(live.json().path("items").get(0).path("subject").asText()).isEqualTo("uma@example.com");
        }
        assertThat(calls.get("/api/v1/sessions/live", reviewer).json().path("items").size()).isZero();
    }

    @Test
    void killEndsALiveSessionWithTheReason() throws Exception {
        List<String> ended = new CopyOnWriteArrayList<>();
        try (LiveSessions.Registration ignored = open("s-live", ended)) {
            ApiCalls.Answer kill = calls.post("/api/v1/sessions/s-live/kill", admin,
                    "{\"reason\":\"runaway export\"}");

            assertThat(kill.status()).isEqualTo(202);
            assertThat(kill.json().path("status").asText()).isEqualTo("ending");
            assertThat(ended).containsExactly("terminated by an administrator: runaway export");
        }
    }

    @Test
    void killingASessionNotOpenHereIsNotFound() throws Exception {
        ApiCalls.Answer kill = calls.post("/api/v1/sessions/s-elsewhere/kill", admin, "");

        assertThat(kill.status()).isEqualTo(404);
        assertThat(kill.error()).isEqualTo("not-live");
        assertThat(kill.message()).contains("not open on this gateway replica");
    }
}
