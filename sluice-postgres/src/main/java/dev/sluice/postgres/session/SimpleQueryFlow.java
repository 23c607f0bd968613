package dev.sluice.postgres.session;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.gateway.Gate;
import dev.sluice.core.sql.SqlAnalyzer;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.frontend.Query;
import dev.sluice.postgres.session.PgDecisions.Verdict;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Simple Query: one gate decision for the whole string (a multi-statement string is one command holding every
 * statement), one completion when its ReadyForQuery arrives. A refused Query is replaced upstream by the stand-in
 * that fails to parse, and the relay shows the refusal in place of that failure.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SIMPLE-QUERY">Simple Query</a>
 */
final class SimpleQueryFlow {

    private final OutputStream toUpstream;
    private final InFlight inFlight;
    private final CommandLedger ledger;
    private final SqlAnalyzer analyzer;
    private final StatementTimer statementTimer;

    SimpleQueryFlow(OutputStream toUpstream, InFlight inFlight, CommandLedger ledger, SqlAnalyzer analyzer,
                    StatementTimer statementTimer) {
        this.toUpstream = toUpstream;
        this.inFlight = inFlight;
        this.ledger = ledger;
        this.analyzer = analyzer;
        this.statementTimer = statementTimer;
    }

    void query(PgFrame frame) throws IOException {
        Query query = Query.decode(frame.body());
        SqlCommand command = new SqlCommand(query.sql(), analyzer.analyze(query.sql()), List.of());
        Gate.Ruling ruling = ledger.decide(command);
        switch (PgDecisions.render(ruling.decision())) {
            case Verdict.Forward forward -> {
                Pending pending = Pending.command(Pending.Kind.QUERY,
                        new CommandRun(ruling.commandId(), forward.maskPlan(), forward.outcome(), System.nanoTime()));
                inFlight.add(pending);
                statementTimer.watch(pending);
                Frames.write(toUpstream, frame);
            }
            case Verdict.Refuse refuse -> {
                ledger.refused(ruling.commandId(), refuse);
                inFlight.add(Pending.refused(Pending.Kind.QUERY, refuse.error()));
                toUpstream.write(PgDecisions.standInQuery());
            }
        }
    }

    /**
     * Function Call (fastpath) names a function by OID with binary arguments: nothing the gate could judge, so it is
     * refused (fail closed) like a refused Query, and the session goes on.
     */
    void functionCall() throws IOException {
        Verdict.Refuse refuse = PgDecisions.functionCall();
        ledger.refusedUnjudged(refuse);
        inFlight.add(Pending.refused(Pending.Kind.QUERY, refuse.error()));
        toUpstream.write(PgDecisions.standInQuery());
    }
}
