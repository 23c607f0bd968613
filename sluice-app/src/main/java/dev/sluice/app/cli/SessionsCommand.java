package dev.sluice.app.cli;

import dev.sluice.core.audit.SessionSummary;
import dev.sluice.core.audit.StoredAuditEvent;
import dev.sluice.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sluice sessions list|show ID|replay ID}: what happened, per session, from the audit log. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "List, show and replay recorded sessions.",
        subcommands = {SessionsCommand.ListSessions.class, SessionsCommand.Show.class, SessionsCommand.Replay.class})
final class SessionsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (list, show ID or replay ID)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The most recent sessions, newest first.")
    static final class ListSessions implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Option(names = "--limit", defaultValue = "50", description = "How many sessions to show (default 50).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new CliFailure("--limit must be at least 1");
            }
            try (Store store = config.openStore()) {
                SessionReport.list(store.auditReader().sessions(limit), spec.commandLine().getOut());
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One session's summary and its events.")
    static final class Show implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "Session id (from 'sluice sessions list').")
        String id;

        @Override
        public Integer call() {
            try (Store store = config.openStore()) {
                SessionSummary summary = store.auditReader().session(id)
                        .orElseThrow(() -> new CliFailure("no session with id " + id));
                PrintWriter out = spec.commandLine().getOut();
                SessionReport.summary(summary, out);
                out.println();
                for (StoredAuditEvent event : store.auditReader().events(id)) {
                    out.printf("#%-6d %s  %-18s %s%n", event.seq(), event.at(), event.type(), event.payloadJson());
                }
                return 0;
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Replay a session as a timeline: each command with its decision, rows, duration and error.")
    static final class Replay implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "Session id (from 'sluice sessions list').")
        String id;

        @Override
        public Integer call() {
            try (Store store = config.openStore()) {
                List<StoredAuditEvent> events = store.auditReader().events(id);
                if (events.isEmpty()) {
                    throw new CliFailure("no session with id " + id);
                }
                SessionReport.replay(events, spec.commandLine().getOut());
                return 0;
            }
        }
    }
}
