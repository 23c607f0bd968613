package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.api.AdminApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code sluice approvals list|show|approve|reject}: review statements and access requests held for approval. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "List, show, approve and reject requests held for approval (through the admin API; run sluice login first).",
        subcommands = {ApprovalsCommand.ListApprovals.class, ApprovalsCommand.Show.class,
                ApprovalsCommand.Approve.class, ApprovalsCommand.Reject.class})
final class ApprovalsCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Approval requests, newest first, each with its full statement.")
    static final class ListApprovals extends ApiCommand {

        @Option(names = "--status", defaultValue = "pending", paramLabel = "STATUS",
                description = "pending (default), approved, rejected, expired, withdrawn, abandoned or all.")
        String status;

        @Option(names = "--kind", paramLabel = "KIND", description = "Only statement or only access requests.")
        String kind;

        @Option(names = "--connection", paramLabel = "NAME", description = "Only requests on this connection.")
        String connection;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default 100).")
        int limit;

        @Option(names = "--json", description = "Print the API's JSON.")
        boolean json;

        @Override
        int run(AdminApiClient api, PrintWriter out) {
            JsonNode page = api.get("/api/v1/approvals", AdminApiClient.query("status", status, "kind", kind,
                    "connection", connection, "limit", String.valueOf(limit)));
            if (json) {
                ApiReport.json(page, out);
            } else {
                ApiReport.approvals(page, out, status.equals("all") ? "no approval requests"
                        : "no " + TerminalText.line(status) + " approval requests");
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "One request: who asked, why, who may decide, the votes, and the full statement.")
    static final class Show extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Request id (from the client's notice or 'sluice approvals list').")
        String id;

        @Option(names = "--json", description = "Print the API's JSON.")
        boolean json;

        @Override
        int run(AdminApiClient api, PrintWriter out) {
            JsonNode request = api.get("/api/v1/approvals/" + AdminApiClient.segment(id));
            if (json) {
                ApiReport.json(request, out);
            } else {
                ApiReport.approval(request, out);
            }
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a request; once enough approvals are in, the statement runs (or the grant starts).")
    static final class Approve extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Request id.")
        String id;

        @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for the record (optional).")
        String comment;

        @Override
        int run(AdminApiClient api, PrintWriter out) {
            ObjectNode body = AdminApiClient.body();
            if (comment != null) {
                body.put("comment", comment);
            }
            out.println(ApiReport.voted(api.post("/api/v1/approvals/" + AdminApiClient.segment(id) + "/approve", body),
                    true));
            return 0;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Reject a request; the requester sees your comment.")
    static final class Reject extends ApiCommand {

        @Parameters(paramLabel = "ID", description = "Request id.")
        String id;

        @Option(names = "--comment", required = true, paramLabel = "TEXT", description = "Why (required).")
        String comment;

        @Override
        int run(AdminApiClient api, PrintWriter out) {
            ObjectNode body = AdminApiClient.body();
            body.put("comment", comment);
            out.println(ApiReport.voted(api.post("/api/v1/approvals/" + AdminApiClient.segment(id) + "/reject", body),
                    false));
            return 0;
        }
    }
}
