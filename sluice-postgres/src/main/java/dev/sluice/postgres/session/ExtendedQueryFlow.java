package dev.sluice.postgres.session;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.core.sql.SqlAnalyzer;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.frontend.Bind;
import dev.sluice.postgres.codec.frontend.Close;
import dev.sluice.postgres.codec.frontend.Execute;
import dev.sluice.postgres.codec.frontend.FrontendType;
import dev.sluice.postgres.codec.frontend.Parse;
import dev.sluice.postgres.session.PgDecisions.Verdict;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Extended Query: the gate decides at Parse (statement text and declared parameter types); Bind, Describe, Execute,
 * Close, Sync and Flush pass through as they came, each tracked in the in-flight queue so that every answer is
 * attributed, and every Execute recorded under the command id of the Parse it runs.
 *
 * <p>A refused Parse becomes a Parse of the stand-in under the same name, and the rest of its unit, up to the
 * client's Sync, is held back, as PostgreSQL skips it after an error. If the unit had already failed upstream,
 * PostgreSQL skips the stand-in too, and the client (rightly) hears nothing of the refusal.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY">Extended Query</a>
 */
final class ExtendedQueryFlow {

    private final OutputStream toUpstream;
    private final InFlight inFlight;
    private final CommandLedger ledger;
    private final SqlAnalyzer analyzer;
    private final StatementTimer statementTimer;
    private final PreparedStatements prepared = new PreparedStatements();
    private boolean skippingToSync;

    ExtendedQueryFlow(OutputStream toUpstream, InFlight inFlight, CommandLedger ledger, SqlAnalyzer analyzer,
                      StatementTimer statementTimer) {
        this.toUpstream = toUpstream;
        this.inFlight = inFlight;
        this.ledger = ledger;
        this.analyzer = analyzer;
        this.statementTimer = statementTimer;
    }

    /**
     * Whether the gateway holds back messages until the client's Sync, after refusing a Parse. PostgreSQL would skip
     * a Query or Function Call sent then too.
     */
    boolean skippingToSync() {
        return skippingToSync;
    }

    void message(FrontendType type, PgFrame frame) throws IOException {
        if (skippingToSync && type != FrontendType.SYNC && type != FrontendType.FLUSH) {
            return;
        }
        switch (type) {
            case PARSE -> parse(frame);
            case BIND -> {
                Bind bind = Bind.decode(frame.body());
                prepared.bound(bind.portal(), bind.statement());
                forward(Pending.of(Pending.Kind.BIND), frame);
            }
            case DESCRIBE -> forward(Pending.of(Pending.Kind.DESCRIBE), frame);
            case EXECUTE -> execute(frame);
            case CLOSE -> {
                prepared.closed(Close.decode(frame.body()));
                forward(Pending.of(Pending.Kind.CLOSE), frame);
            }
            case SYNC -> {
                skippingToSync = false;
                if (inFlight.copyIn()) {
                    Frames.write(toUpstream, frame); // ignored by the server during COPY FROM STDIN: no answer
                } else {
                    forward(Pending.of(Pending.Kind.SYNC), frame);
                }
            }
            case FLUSH -> Frames.write(toUpstream, frame);
            case QUERY, COPY_DATA, COPY_DONE, COPY_FAIL, FUNCTION_CALL, TERMINATE ->
                    throw new IllegalArgumentException(type + " is not an extended-query message");
        }
    }

    private void parse(PgFrame frame) throws IOException {
        Parse parse = Parse.decode(frame.body());
        SqlCommand command = new SqlCommand(parse.sql(), analyzer.analyze(parse.sql()), parse.parameterTypeNames());
        CommandLedger.Judgement judgement = ledger.judge(command);
        switch (judgement.verdict()) {
            case Verdict.Forward forward -> {
                prepared.parsed(parse.statement(),
                        new PreparedStatements.Prepared(judgement.commandId(), forward.maskPlan(), forward.outcome()));
                forward(Pending.of(Pending.Kind.PARSE), frame);
            }
            case Verdict.Refuse refuse -> {
                prepared.parseRefused(parse.statement());
                inFlight.add(Pending.refused(Pending.Kind.PARSE, refuse.error()));
                toUpstream.write(PgDecisions.standInParse(parse.statement()));
                skippingToSync = true;
            }
        }
    }

    /**
     * Execute: one completion per call, under its statement's command id; PortalSuspended keeps the portal.
     *
     * <p>Under a plan that masks, the gateway first sends a Describe of the portal of its own
     * ({@link Pending.Kind#MASKING_DESCRIBE}, answered to the masking filter only): the rows then come right after a
     * description with the formats the client's Bind asked for, whether or not the client described the portal
     * itself, and again for every Execute that continues a suspended portal. A portal the gateway did not see
     * prepared (SQL-level PREPARE or DECLARE) runs under the session's plan for commands it cannot see into.
     */
    private void execute(PgFrame frame) throws IOException {
        Execute execute = Execute.decode(frame.body());
        java.util.Optional<PreparedStatements.Prepared> prepared = this.prepared.portal(execute.portal());
        MaskPlan plan = prepared.map(PreparedStatements.Prepared::maskPlan).orElseGet(ledger::unseenCommandPlan);
        Pending pending = prepared
                .map(p -> Pending.command(Pending.Kind.EXECUTE,
                        new CommandRun(p.commandId(), p.maskPlan(), p.outcome(), System.nanoTime())))
                .orElseGet(() -> Pending.unrecorded(Pending.Kind.EXECUTE, plan));
        if (plan.masksAnything()) {
            forward(Pending.of(Pending.Kind.MASKING_DESCRIBE), describePortal(frame.body()));
        }
        forward(pending, frame);
        statementTimer.watch(pending);
    }

    /** Describe of the portal an Execute names, with the portal name's bytes exactly as the client sent them. */
    private static PgFrame describePortal(byte[] executeBody) {
        int nameEnd = 0;
        while (executeBody[nameEnd] != 0) {
            nameEnd++;
        }
        byte[] body = new byte[nameEnd + 2];
        body[0] = 'P';
        System.arraycopy(executeBody, 0, body, 1, nameEnd + 1);
        return new PgFrame((byte) 'D', body);
    }

    private void forward(Pending pending, PgFrame frame) throws IOException {
        inFlight.add(pending);
        Frames.write(toUpstream, frame);
    }
}
