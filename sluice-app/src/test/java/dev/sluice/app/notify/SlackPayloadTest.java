package dev.sluice.app.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.approval.Vote;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Slack message stays within Slack's limits and never lets user text become markup. */
class SlackPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINK = "https://sluice.example.com/api/v1/approvals/req-1";

    @Test
    void aLongStatementIsCutToTheBlockLimitAndPointsToTheFullText() throws Exception {
        String statement = "INSERT INTO notes VALUES ('" + "a<b&c ".repeat(1000) + "')";

        JsonNode blocks = render(ApprovalEvent.REQUESTED, Requests.statement("req-1", statement)).path("blocks");

        String code = blocks.get(2).path("text").path("text").asText();
        assertThat(code.length()).isLessThanOrEqualTo(3000).isGreaterThan(2900);
        assertThat(code).startsWith("```\nINSERT INTO notes VALUES ('a&lt;b&amp;c ")
                .endsWith("\n```\n… (full text: <" + LINK + "|open>)");
        String body = code.substring(4, code.indexOf("\n```\n…"));
        assertThat(body).as("no entity is cut in half").doesNotMatch("(?s).*&[a-z]{0,3}$");
    }

    @Test
    void fencesAtTheEdgesOfTheStatementCannotCloseTheBlock() {
        String block = SlackText.fit("```\n", SlackText.breakFences(SlackText.escape("``` `` ` ````")), "\n```", "", 3000);

        assertThat(block.split("```", -1)).hasSize(3);
        assertThat(block.replace("\u200B", "")).isEqualTo("```\n``` `` ` ````\n```");
    }

    @Test
    void mentionsAndLinksInUserTextAreEscaped() throws Exception {
        ApprovalRequest request = new ApprovalRequest("req-1", ApprovalKind.STATEMENT, ApprovalStatus.PENDING, "clinic",
                "s", "c", "mallory", "<!channel> Mallory", Set.of(), "rule", "SELECT 1", "see <http://evil|here>",
                List.of(), 1, Duration.ZERO, Requests.CREATED, Requests.CREATED.plusSeconds(60), List.of(),
                Optional.empty(), "", "");

        String json = JSON.writeValueAsString(render(ApprovalEvent.REQUESTED, request));

        assertThat(json).doesNotContain("<!channel>", "<http://evil").contains("&lt;!channel&gt; Mallory",
                "&lt;http://evil|here&gt;", "any reviewer");
    }

    @Test
    void aResolvedAccessRequestShowsTheOutcomeAndNoApproveCommand() throws Exception {
        ApprovalRequest request = new ApprovalRequest("acc-5", ApprovalKind.ACCESS, ApprovalStatus.REJECTED, "clinic",
                "", "", "bob", "Bob", Set.of("contractors"), "access", "bob asks to connect to clinic for 30m",
                "on-call fix", List.of("oncall-leads"), 1, Duration.ofMinutes(30), Requests.CREATED,
                Requests.CREATED.plusSeconds(600),
                List.of(new Vote("carol", "Carol", false, "use the replica", Instant.parse("2026-03-01T10:01:00Z"))),
                Optional.of(Instant.parse("2026-03-01T10:01:00Z")), "use the replica", "");

        JsonNode root = render(ApprovalEvent.RESOLVED, request);

        assertThat(root.path("text").asText()).isEqualTo("Request acc-5 rejected: Bob, access to clinic for 30m");
        JsonNode blocks = root.path("blocks");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("Request rejected: access to clinic");
        assertThat(blocks.get(1).path("fields").findValuesAsText("text"))
                .contains("*Window*\n30m", "*Outcome*\nrejected: use the replica");
        assertThat(blocks.get(2).path("text").path("text").asText()).isEqualTo("bob asks to connect to clinic for 30m");
        assertThat(blocks.get(blocks.size() - 1).path("elements").get(0).path("text").asText())
                .isEqualTo("Request `acc-5` · <" + LINK.replace("req-1", "acc-5") + "|full request>");
    }

    @Test
    void aLongRuleNameIsCutToTheHeaderLimit() throws Exception {
        ApprovalRequest request = Requests.statement("req-1");
        ApprovalRequest longRule = new ApprovalRequest(request.id(), request.kind(), request.status(),
                request.connection(), request.sessionId(), request.commandId(), request.requester(),
                request.requesterName(), request.requesterGroups(), "r".repeat(400), request.statement(),
                request.justification(), request.approverGroups(), request.minApprovals(), request.accessWindow(),
                request.createdAt(), request.expiresAt(), request.votes(), request.resolvedAt(), request.resolution(),
                request.holder());

        String header = render(ApprovalEvent.REQUESTED, longRule).path("blocks").get(0).path("text").path("text").asText();

        assertThat(header).hasSize(150).endsWith("r…");
    }

    private static JsonNode render(ApprovalEvent event, ApprovalRequest request) throws Exception {
        String link = LINK.replace("req-1", request.id());
        return JSON.readTree(SlackPayload.render(event, request, link));
    }
}
