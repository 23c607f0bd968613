package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.app.api.AdminApiClient;
import dev.sluice.core.audit.SessionSummary;
import dev.sluice.core.audit.StoredAuditEvent;
import dev.sluice.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code sluice sessions list|show ID|replay ID}: what happened, per session, from the audit log (read from the store
 * directly). {@code sluice sessions kill ID} ends a live session through the admin API.
 */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "List, show and replay recorded sessions; kill a live one.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.Show.class, SessionsCommand.Replay.class,
                SessionsCommand.Kill.class})
final class SessionsCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The most recent sessions, newest first.")
    static final class ListSessions extends StoreCommand {

        @Option(names = "--limit", defaultValue = "50", description = "How many sessions to show (default 50).")
        int limit;

        @Override
        int run(Store store, PrintWriter out) {
            if (limit < 1) {
                throw new CliFailure("--limit must be at least 1");
            }
            SessionReport.list(store.auditReader().sessions(limit), out);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One session's summary and its events.")
    static final class Show extends StoreCommand {

        @Parameters(paramLabel = "ID", description = "Session id (from 'sluice sessions list').")
        String id;

        @Override
        int run(Store store, PrintWriter out) {
            SessionSummary summary = store.auditReader().session(id)
                    .orElseThrow(() -> new CliFailure("no session with id " + id));
            SessionReport.summary(summary, out);
            out.println();
            for (StoredAuditEvent event : store.auditReader().events(id)) {
                out.printf("#%-6d %s  %-18s %s%n", event.seq(), event.at(), event.type(), event.payloadJson());
            }
            return 0;
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = {"End a live session (through the admin API of the gateway replica holding it; run sluice "
                    + "login first).", "The client is told it was terminated by an administrator, with your reason."})
    static final class Kill extends ApiCommand {

        @Parameters(paramLabel = "SESSION_ID", description = "Session id (from 'sluice sessions list').")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Shown to the client and kept in the log.")
        String reason;

        @Override
        int run(AdminApiClient api, PrintWriter out) {
            ObjectNode body = AdminApiClient.body();
            if (reason != null) {
                body.put("reason", reason);
            }
            api.post("/api/v1/sessions/" + AdminApiClient.segment(id) + "/kill", body);
            out.println("session " + TerminalText.line(id) + " is ending");
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Replay a session as a timeline: each command with its decision, rows, duration and error.")
    static final class Replay extends StoreCommand {

        @Parameters(paramLabel = "ID", description = "Session id (from 'sluice sessions list').")
        String id;

        @Override
        int run(Store store, PrintWriter out) {
            List<StoredAuditEvent> events = store.auditReader().events(id);
            if (events.isEmpty()) {
                throw new CliFailure("no session with id " + id);
            }
            SessionReport.replay(events, out);
            return 0;
        }
    }
}
