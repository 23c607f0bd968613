package dev.sluice.postgres.session;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.sql.SqlAnalyzer;
import dev.sluice.postgres.session.PgDecisions.Verdict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Startup parameters are commands too. Each {@link StartupSetting} is put to the gate as the {@code SET} command that
 * would do the same in a running session, analysed like any statement and recorded under the session like any
 * command, before the upstream session is opened. All allowed: they go upstream as startup parameters, and each
 * command completes when the upstream accepts them (or fails with its refusal). One refused: the session is
 * refused (FATAL 42501, naming the parameter) and the upstream never hears of it.
 */
final class StartupCommands {

    /**
     * Every setting was allowed.
     *
     * @param forUpstream the startup parameters to open the upstream session with
     * @param runs        one per setting, completed when the upstream answers the session's start
     */
    record Allowed(Map<String, String> forUpstream, List<CommandRun> runs) {

        Allowed {
            forUpstream = Collections.unmodifiableMap(new LinkedHashMap<>(forUpstream));
            runs = List.copyOf(runs);
        }

        /** The upstream session started with these settings. */
        void upstreamAccepted(CommandLedger ledger) {
            runs.forEach(ledger::completed);
        }

        /** The upstream refused the session: the settings were part of what it refused. */
        void upstreamRefused(CommandLedger ledger, String sqlState) {
            for (CommandRun run : runs) {
                run.failed(sqlState);
                ledger.completed(run);
            }
        }
    }

    private StartupCommands() {
    }

    static Allowed judge(StartupParameters.Request request, CommandLedger ledger, SqlAnalyzer analyzer)
            throws SessionRefusal, IOException {
        List<CommandRun> runs = new ArrayList<>();
        for (StartupSetting setting : request.settings()) {
            String sql = setting.asSql();
            CommandLedger.Judgement judgement = ledger.judge(new SqlCommand(sql, analyzer.analyze(sql), List.of()));
            switch (judgement.verdict()) {
                case Verdict.Forward forward -> runs.add(new CommandRun(judgement.commandId(), forward.maskPlan(),
                        forward.outcome(), System.nanoTime()));
                case Verdict.Refuse refuse -> {
                    throw new SessionRefusal(refuse.error().sqlState(), refuse.error().message()
                            + " (startup parameter " + setting.key() + ")", "denied-parameter",
                            "startup parameter " + setting.key() + ": " + refuse.error().message());
                }
            }
        }
        return new Allowed(request.forUpstream(), runs);
    }
}
