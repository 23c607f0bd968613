package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.api.AdminApiClient;
import dev.sluice.app.config.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;

/** {@code sluice access request|list|revoke}: just-in-time access to a connection, for a window. */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = "Ask for, list and revoke just-in-time access grants (through the admin API; run sluice login first).",
        subcommands = {AccessCommand.Request.class, AccessCommand.ListAccess.class, AccessCommand.Revoke.class})
final class AccessCommand extends CommandGroup {

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Ask for access to a connection for a while; reviewers approve it with sluice approvals approve.")
    static final class Request extends ApiCommand {

        @Parameters(paramLabel = "CONNECTION", description = "The connection's name (what clients send as the database).")
        String connection;

        @Option(names = "--for", required = true, paramLabel = "DURATION", converter = PositiveDuration.class,
                description = "How long, e.g. 30m, 2h, 1h30m.")
        Duration window;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why you need it (shown to reviewers and kept with the grant).")
        String reason;

        @Override
        int run(AdminApiClient api, PrintWriter out) {
            ObjectNode body = AdminApiClient.body();
            body.put("connection", connection);
            body.put("duration", Durations.format(window));
            body.put("reason", reason);
            JsonNode created = api.post("/api/v1/access-requests", body);
            String id = TerminalText.line(created.path("id").asText());
            out.println("requested access to " + TerminalText.line(created.path("connection").asText()) + " for "
                    + Durations.format(window) + ": request " + id + " is "
                    + TerminalText.line(created.path("status").asText()));
            out.println("a reviewer approves it with: sluice approvals approve " + id);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Your access grants and pending access requests (an admin sees everyone's grants).")
    static final class ListAccess extends ApiCommand {

        @Option(names = "--all", description = "Include ended and revoked grants, and decided requests.")
        boolean all;

        @Option(names = "--json", description = "Print the API's JSON: {\"grants\": …, \"requests\": …}.")
        boolean json;

        @Override
        int run(AdminApiClient api, PrintWriter out) {
            JsonNode grants = api.get("/api/v1/grants", AdminApiClient.query("all", String.valueOf(all)));
            JsonNode requests = api.get("/api/v1/approvals", AdminApiClient.query("kind", "access", "mine", "true",
                    "status", all ? "all" : "pending"));
            if (json) {
                ObjectNode both = AdminApiClient.body();
                both.set("grants", grants.path("items"));
                both.set("requests", requests.path("items"));
                ApiReport.json(both, out);
                return 0;
            }
            ApiReport.grants(grants, out, all ? "no grants" : "no active grants");
            out.println();
            ApiReport.accessRequests(requests, out, all ? "no access requests" : "no pending access requests");
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "End a grant now (your own, or anyone's as an admin).")
    static final class Revoke extends ApiCommand {

        @Parameters(paramLabel = "GRANT_ID", description = "Grant id (from 'sluice access list').")
        String grantId;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record (optional).")
        String reason;

        @Override
        int run(AdminApiClient api, PrintWriter out) {
            ObjectNode body = AdminApiClient.body();
            if (reason != null) {
                body.put("reason", reason);
            }
            api.post("/api/v1/grants/" + AdminApiClient.segment(grantId) + "/revoke", body);
            out.println("revoked grant " + TerminalText.line(grantId));
            return 0;
        }
    }
}
