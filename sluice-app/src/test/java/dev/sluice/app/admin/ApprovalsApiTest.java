package dev.sluice.app.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.approval.ApprovalStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Approval requests, votes, access requests and grants through {@code /api/v1}. */
class ApprovalsApiTest {

    private static final String LONG_STATEMENT = "DELETE FROM visits WHERE clinic_id = 7 AND visit_date < '2019-01-01' "
            + "AND status IN ('cancelled', 'no-show') AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.visit_id = visits.id)";

    @TempDir
    Path dir;

    private ApiFixture api;
    private ApiCalls calls;
    private String reviewer;
    private String admin;
    private String uma;

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(dir);
        calls = new ApiCalls(api.url());
        reviewer = api.token("rita@example.com", "sluice-reviewers", "dba");
        admin = api.token("ada@example.com", "sluice-admins");
        uma = api.token("uma@example.com", "dev");
    }

    @AfterEach
    void stop() {
        calls.close();
        api.close();
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    @Test
    void reviewersListAndShowRequestsWithTheFullStatement() throws Exception {
        String id = api.approvals.holdStatement("uma@example.com", LONG_STATEMENT, List.of("dba"), 1).id();

        ApiCalls.Answer list = calls.get("/api/v1/approvals?status=pending", reviewer);
        ApiCalls.Answer show = calls.get("/api/v1/approvals/" + id, reviewer);

        assertThat(list.status()).isEqualTo(200);
        assertThat(ids(list.json())).containsExactly(id);
        assertThat(show.status()).isEqualTo(200);
        assertThat(show.json().path("statement").asText()).isEqualTo(LONG_STATEMENT);
        assertThat(show.json().path("status").asText()).isEqualTo("pending");
        assertThat(show.json().path("kind").asText()).isEqualTo("statement");
        assertThat(show.json().path("approverGroups").toString()).isEqualTo("[\"dba\"]");
        assertThat(show.json().path("resolvedAt").isNull()).isTrue();
    }

    @Test
    void approvingCountsTheVoteAndAnswersWithTheRequestAsItNowStands() throws Exception {
        String id = api.approvals.holdStatement("uma@example.com", "DROP TABLE visits", List.of("dba"), 1).id();

        ApiCalls.Answer answer = calls.post("/api/v1/approvals/" + id + "/approve", reviewer,
                "{\"comment\":\"checked the backup\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("approved");
        assertThat(answer.json().path("votes").get(0).path("reviewer").asText()).isEqualTo("rita@example.com");
        assertThat(answer.json().path("votes").get(0).path("decision").asText()).isEqualTo("approve");
        assertThat(answer.json().path("votes").get(0).path("comment").asText()).isEqualTo("checked the backup");
        assertThat(api.approvals.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aRejectionNeedsAComment() throws Exception {
        String id = api.approvals.holdStatement("uma@example.com", "DROP TABLE visits", List.of(), 1).id();

        ApiCalls.Answer bare = calls.post("/api/v1/approvals/" + id + "/reject", reviewer, "{}");
        ApiCalls.Answer blank = calls.post("/api/v1/approvals/" + id + "/reject", reviewer, "{\"comment\":\"  \"}");
        ApiCalls.Answer said = calls.post("/api/v1/approvals/" + id + "/reject", reviewer,
                "{\"comment\":\"use a migration\"}");

        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.error()).isEqualTo("comment-required");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(said.status()).isEqualTo(200);
        assertThat(said.json().path("status").asText()).isEqualTo("rejected");
        assertThat(said.json().path("resolution").asText()).isEqualTo("use a migration");
    }

    @Test
    void refusedVotesMapToTheirStatuses() throws Exception {
        String own = api.approvals.holdStatement("rita@example.com", "DROP TABLE a", List.of(), 1).id();
        String forDbas = api.approvals.holdStatement("uma@example.com", "DROP TABLE b", List.of("dba"), 1).id();
        String twoNeeded = api.approvals.holdStatement("uma@example.com", "DROP TABLE c", List.of(), 2).id();
        String decided = api.approvals.holdStatement("uma@example.com", "DROP TABLE d", List.of(), 1).id();
        calls.post("/api/v1/approvals/" + twoNeeded + "/approve", reviewer, "{}");
        calls.post("/api/v1/approvals/" + decided + "/approve", reviewer, "{}");

        ApiCalls.Answer self = calls.post("/api/v1/approvals/" + own + "/approve", reviewer, "{}");
        ApiCalls.Answer notApprover = calls.post("/api/v1/approvals/" + forDbas + "/approve", admin, "{}");
        ApiCalls.Answer again = calls.post("/api/v1/approvals/" + twoNeeded + "/approve", reviewer, "{}");
        ApiCalls.Answer late = calls.post("/api/v1/approvals/" + decided + "/approve", admin, "{}");
        ApiCalls.Answer missing = calls.post("/api/v1/approvals/apr-999/approve", reviewer, "{}");

        assertThat(self.status()).isEqualTo(403);
        assertThat(self.error()).isEqualTo("self-approval");
        assertThat(notApprover.status()).isEqualTo(403);
        assertThat(notApprover.error()).isEqualTo("not-an-approver");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("already-voted");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.error()).isEqualTo("not-pending");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("not-found");
        assertThat(api.approvals.find(twoNeeded).orElseThrow().approvals()).isEqualTo(1);
    }

    @Test
    void everyDocumentedRefusalHasItsStatus() {
        assertThat(ApprovalsEndpoints.statusOf("not-found")).isEqualTo(404);
        assertThat(ApprovalsEndpoints.statusOf("not-pending")).isEqualTo(409);
        assertThat(ApprovalsEndpoints.statusOf("self-approval")).isEqualTo(403);
        assertThat(ApprovalsEndpoints.statusOf("not-an-approver")).isEqualTo(403);
        assertThat(ApprovalsEndpoints.statusOf("already-voted")).isEqualTo(409);
    }

    @Test
    void otherCallersSeeOnlyTheirOwnRequestsAndThoseTheirGroupsDecide() throws Exception {
        String umas = api.approvals.holdStatement("uma@example.com", "DROP TABLE a", List.of("dba"), 1).id();
        String bobs = api.approvals.holdStatement("bob@example.com", "DROP TABLE b", List.of("dba"), 1).id();
        String dba = api.token("dan@example.com", "dba");

        ApiCalls.Answer umaList = calls.get("/api/v1/approvals", uma);
        ApiCalls.Answer umaShowsBobs = calls.get("/api/v1/approvals/" + bobs, uma);
        ApiCalls.Answer umaApprovesBobs = calls.post("/api/v1/approvals/" + bobs + "/approve", uma, "{}");
        ApiCalls.Answer dbaShows = calls.get("/api/v1/approvals/" + bobs, dba);
        ApiCalls.Answer dbaApproves = calls.post("/api/v1/approvals/" + bobs + "/approve", dba, "{}");
        ApiCalls.Answer reviewerMine = calls.get("/api/v1/approvals?mine=true", reviewer);

        assertThat(ids(umaList.json())).containsExactly(umas);
        assertThat(umaShowsBobs.status()).isEqualTo(403);
        assertThat(umaApprovesBobs.status()).isEqualTo(403);
        assertThat(dbaShows.status()).isEqualTo(200);
        assertThat(dbaApproves.status()).isEqualTo(200);
        assertThat(ids(reviewerMine.json())).isEmpty();
    }

    @Test
    void anAccessRequestIsCreatedForTheCaller() throws Exception {
        ApiCalls.Answer created = calls.post("/api/v1/access-requests", uma,
                "{\"connection\":\"clinic\",\"duration\":\"30m\",\"reason\":\"INC-4521 on call\"}");

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).contains("/api/v1/approvals/" + id);
        assertThat(created.json().path("kind").asText()).isEqualTo("access");
        assertThat(created.json().path("requester").asText()).isEqualTo("uma@example.com");
        assertThat(created.json().path("accessWindow").asText()).isEqualTo("30m");
        assertThat(created.json().path("justification").asText()).isEqualTo("INC-4521 on call");
        assertThat(calls.get("/api/v1/approvals/" + id, uma).status()).isEqualTo(200);
    }

    @Test
    void badAccessRequestsSayWhatIsWrong() throws Exception {
        ApiCalls.Answer unknown = calls.post("/api/v1/access-requests", uma,
                "{\"connection\":\"billing\",\"duration\":\"30m\",\"reason\":\"x\"}");
        ApiCalls.Answer tooLong = calls.post("/api/v1/access-requests", uma,
                "{\"connection\":\"clinic\",\"duration\":\"3d\",\"reason\":\"x\"}");
        ApiCalls.Answer badDuration = calls.post("/api/v1/access-requests", uma,
                "{\"connection\":\"clinic\",\"duration\":\"half an hour\",\"reason\":\"x\"}");
        ApiCalls.Answer noReason = calls.post("/api/v1/access-requests", uma,
                "{\"connection\":\"clinic\",\"duration\":\"30m\"}");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("unknown-connection");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.error()).isEqualTo("access-request-refused");
        assertThat(tooLong.message()).contains("at most 8h");
        assertThat(badDuration.status()).isEqualTo(400);
        assertThat(badDuration.message()).contains("duration");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.message()).contains("'reason' is required");
    }

    @Test
    void grantsAreListedForTheirOwnerAndForAdmins() throws Exception {
        AccessGrant umas = api.approvals.addGrant("uma@example.com", "clinic", Duration.ofHours(1));
        AccessGrant bobs = api.approvals.addGrant("bob@example.com", "clinic", Duration.ofHours(1));

        ApiCalls.Answer mine = calls.get("/api/v1/grants", uma);
        ApiCalls.Answer everyone = calls.get("/api/v1/grants", admin);
        ApiCalls.Answer snooping = calls.get("/api/v1/grants?subject=bob@example.com", uma);

        assertThat(ids(mine.json())).containsExactly(umas.id());
        assertThat(mine.json().path("items").get(0).path("active").asBoolean()).isTrue();
        assertThat(ids(everyone.json())).containsExactlyInAnyOrder(umas.id(), bobs.id());
        assertThat(snooping.status()).isEqualTo(403);
    }

    @Test
    void aGrantIsRevokedByItsOwnerOrAnAdminAndThenListedOnlyWithAll() throws Exception {
        AccessGrant umas = api.approvals.addGrant("uma@example.com", "clinic", Duration.ofHours(1));
        AccessGrant bobs = api.approvals.addGrant("bob@example.com", "clinic", Duration.ofHours(1));

        ApiCalls.Answer othersGrant = calls.post("/api/v1/grants/" + bobs.id() + "/revoke", uma, "{}");
        ApiCalls.Answer ownGrant = calls.post("/api/v1/grants/" + umas.id() + "/revoke", uma,
                "{\"reason\":\"done early\"}");
        ApiCalls.Answer byAdmin = calls.post("/api/v1/grants/" + bobs.id() + "/revoke", admin, "{}");
        ApiCalls.Answer twice = calls.post("/api/v1/grants/" + bobs.id() + "/revoke", admin, "{}");

        assertThat(othersGrant.status()).isEqualTo(403);
        assertThat(ownGrant.status()).isEqualTo(200);
        assertThat(ownGrant.json().path("status").asText()).isEqualTo("revoked");
        assertThat(api.approvals.revokeReason(umas.id())).contains("done early");
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(twice.status()).isEqualTo(404);
        assertThat(ids(calls.get("/api/v1/grants", admin).json())).isEmpty();
        JsonNode all = calls.get("/api/v1/grants?all=true", admin).json();
        assertThat(ids(all)).containsExactlyInAnyOrder(umas.id(), bobs.id());
        assertThat(all.path("items").get(0).path("revokedAt").isNull()).isFalse();
    }
}
