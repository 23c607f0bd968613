package dev.sluice.app.admin;

import dev.sluice.core.identity.LocalIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Authentication, roles and the router's refusals, as an HTTP client sees them. */
class AdminApiAccessTest {

    @TempDir
    Path dir;

    private ApiFixture api;
    private ApiCalls calls;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(dir.resolve("gateway"));
        calls = new ApiCalls(api.url());
    }

    @AfterEach
    void stop() {
        calls.close();
        api.close();
    }

    @Test
    void aRequestWithoutATokenIsUnauthorizedWithABearerChallenge() throws Exception {
        ApiCalls.Answer answer = calls.get("/api/v1/approvals", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(answer.error()).isEqualTo("missing-token");
        assertThat(answer.message()).contains("Authorization: Bearer");
    }

    @Test
    void anotherAuthorizationSchemeIsUnauthorized() throws Exception {
        ApiCalls.Answer answer = calls.send(HttpRequest.newBuilder(api.url().resolve("/api/v1/whoami"))
                .header("Authorization", "Basic YWxpY2U6c2VjcmV0").GET().build());

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error()).isEqualTo("missing-token");
        assertThat(answer.raw().body()).doesNotContain("YWxpY2U6c2VjcmV0");
    }

    @Test
    void aRefusedTokenIsUnauthorizedAndNeverRepeated() throws Exception {
        String garbage = "not-a-token-but-a-secret-0123456789";
        String foreign = LocalIssuer.open(dir.resolve("elsewhere"), "someone-else", "sluice")
                .issue("mallory", Set.of("sluice-admins"), Duration.ofHours(1));

        ApiCalls.Answer malformed = calls.get("/api/v1/whoami", garbage);
        ApiCalls.Answer untrusted = calls.get("/api/v1/whoami", foreign);

        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.error()).isEqualTo("invalid-token");
        assertThat(malformed.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
        assertThat(malformed.raw().body()).doesNotContain(garbage);
        assertThat(untrusted.status()).isEqualTo(401);
        assertThat(untrusted.message()).contains("issuer is not trusted");
        assertThat(untrusted.raw().body()).doesNotContain(foreign).doesNotContain(foreign.substring(0, 20));
    }

    @Test
    void whoamiNamesTheCallerWithTheirGroupsAndRoles() throws Exception {
        ApiCalls.Answer admin = calls.get("/api/v1/whoami", api.token("ada@example.com", "sluice-admins", "dba"));
        ApiCalls.Answer reviewer = calls.get("/api/v1/whoami", api.token("rita@example.com", "sluice-reviewers"));
        ApiCalls.Answer user = calls.get("/api/v1/whoami", api.token("uma@example.com", "dev"));

        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().path("subject").asText()).isEqualTo("ada@example.com");
        assertThat(admin.json().path("groups").toString()).isEqualTo("[\"dba\",\"sluice-admins\"]");
        assertThat(admin.json().path("proof").asText()).isEqualTo("local_token");
        assertThat(admin.json().path("roles").toString()).isEqualTo("[\"admin\",\"reviewer\"]");
        assertThat(reviewer.json().path("roles").toString()).isEqualTo("[\"reviewer\"]");
        assertThat(user.json().path("roles").toString()).isEqualTo("[]");
    }

    @Test
    void aCallerWithoutTheRouteRoleIsForbidden() throws Exception {
        String user = api.token("uma@example.com", "dev");
        String reviewer = api.token("rita@example.com", "sluice-reviewers");

        ApiCalls.Answer sessions = calls.get("/api/v1/sessions", user);
        ApiCalls.Answer kill = calls.post("/api/v1/sessions/s-1/kill", reviewer, "{}");

        assertThat(sessions.status()).isEqualTo(403);
        assertThat(sessions.error()).isEqualTo("forbidden");
        assertThat(sessions.message()).contains("sluice-reviewers").contains("sluice-admins");
        assertThat(kill.status()).isEqualTo(403);
        assertThat(kill.message()).contains("admin group (sluice-admins)");
    }

    @Test
    void anUnknownPathIsNotFoundEvenWithoutAToken() throws Exception {
        ApiCalls.Answer unknown = calls.get("/api/v1/nothing-here", null);
        ApiCalls.Answer trailing = calls.get("/api/v1/approvals/", api.token("ada", "sluice-admins"));
        ApiCalls.Answer oldVersion = calls.get("/api/v0/approvals", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("not-found");
        assertThat(unknown.message()).isNotBlank();
        assertThat(trailing.status()).isEqualTo(404);
        assertThat(oldVersion.status()).isEqualTo(404);
    }

    @Test
    void aWrongMethodIsRefusedWithTheMethodsThePathAnswers() throws Exception {
        String admin = api.token("ada", "sluice-admins");

        ApiCalls.Answer delete = calls.method("DELETE", "/api/v1/approvals/apr-1", admin);
        ApiCalls.Answer getVote = calls.get("/api/v1/approvals/apr-1/approve", admin);

        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("Allow")).contains("GET");
        assertThat(delete.error()).isEqualTo("method-not-allowed");
        assertThat(getVote.status()).isEqualTo(405);
        assertThat(getVote.header("Allow")).contains("POST");
    }

    @Test
    void aLiteralSegmentWinsOverAParameter() throws Exception {
        ApiCalls.Answer live = calls.get("/api/v1/sessions/live", api.token("ada", "sluice-admins"));

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("items").isArray()).isTrue();
    }

    @Test
    void badJsonAndUnknownFieldsAreBadRequests() throws Exception {
        String reviewer = api.token("rita", "sluice-reviewers");
        String id = api.approvals.holdStatement("uma", "DROP TABLE visits", java.util.List.of(), 1).id();

        ApiCalls.Answer notJson = calls.post("/api/v1/approvals/" + id + "/approve", reviewer, "{\"comment\": ");
        ApiCalls.Answer array = calls.post("/api/v1/approvals/" + id + "/approve", reviewer, "[]");
        ApiCalls.Answer unknown = calls.post("/api/v1/approvals/" + id + "/approve", reviewer, "{\"coment\":\"ok\"}");
        ApiCalls.Answer wrongType = calls.post("/api/v1/approvals/" + id + "/approve", reviewer, "{\"comment\":42}");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).isEqualTo("bad-json");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.message()).contains("JSON object");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).isEqualTo("bad-field");
        assertThat(unknown.message()).contains("'coment'").contains("comment");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(api.approvals.find(id).orElseThrow().votes()).as("no refused body casts a vote").isEmpty();
    }

    @Test
    void badQueryParametersAreBadRequests() throws Exception {
        String admin = api.token("ada", "sluice-admins");

        ApiCalls.Answer status = calls.get("/api/v1/approvals?status=maybe", admin);
        ApiCalls.Answer limit = calls.get("/api/v1/approvals?limit=0", admin);
        ApiCalls.Answer typo = calls.get("/api/v1/approvals?stauts=pending", admin);
        ApiCalls.Answer twice = calls.get("/api/v1/grants?all=true&all=false", admin);

        assertThat(status.status()).isEqualTo(400);
        assertThat(status.error()).isEqualTo("bad-parameter");
        assertThat(status.message()).contains("pending");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.message()).contains("1 to 1000");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.message()).contains("'stauts'");
        assertThat(twice.status()).isEqualTo(400);
    }

    @Test
    void aBodyOver64KiBIsRefused() throws Exception {
        String admin = api.token("ada", "sluice-admins");
        String huge = "{\"comment\":\"" + "x".repeat(AdminRouter.MAX_BODY_BYTES) + "\"}";

        ApiCalls.Answer declared = calls.post("/api/v1/approvals/apr-1/approve", admin, huge);
        ApiCalls.Answer chunked = calls.send(calls.request("/api/v1/approvals/apr-1/approve", admin)
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build());

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.error()).isEqualTo("body-too-large");
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.error()).isEqualTo("body-too-large");
    }

    @Test
    void withoutAnApprovalServiceItsEndpointsAreUnavailable() throws Exception {
        try (ApiFixture bare = ApiFixture.startWithoutApprovals(dir.resolve("bare"));
             ApiCalls bareCalls = new ApiCalls(bare.url())) {
            String admin = bare.token("ada", "sluice-admins");

            ApiCalls.Answer list = bareCalls.get("/api/v1/approvals", admin);
            ApiCalls.Answer grants = bareCalls.get("/api/v1/grants", admin);
            ApiCalls.Answer whoami = bareCalls.get("/api/v1/whoami", admin);

            assertThat(list.status()).isEqualTo(503);
            assertThat(list.error()).isEqualTo("approvals-unavailable");
            assertThat(grants.status()).isEqualTo(503);
            assertThat(whoami.status()).isEqualTo(200);
        }
    }

    @Test
    void requestLogsCarryNeitherTokensNorQueryStrings() throws Exception {
        String token = api.token("ada", "sluice-admins");
        try (CapturedLogs logs = CapturedLogs.of(AdminRouter.class)) {
            calls.get("/api/v1/approvals?connection=clinic", token);
            calls.get("/api/v1/whoami", "bogus-secret-token-value");
            api.server().close(); // waits for the exchanges (and their log lines) to finish

            assertThat(logs.messages())
                    .anySatisfy(line -> assertThat(line).contains("GET /api/v1/approvals").contains("200"))
                    .anySatisfy(line -> assertThat(line).contains("GET /api/v1/whoami").contains("401"))
                    .allSatisfy(line -> assertThat(line).doesNotContain(token).doesNotContain("bogus-secret")
                            .doesNotContain("clinic"));
        }
    }
}
