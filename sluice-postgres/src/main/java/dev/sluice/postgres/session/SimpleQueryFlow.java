package dev.sluice.postgres.session;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.sql.SqlAnalyzer;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.frontend.FunctionCall;
import dev.sluice.postgres.codec.frontend.Query;
import dev.sluice.postgres.session.PgDecisions.Verdict;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;

/**
 * The two messages that are a whole unit of work on their own, answered up to ReadyForQuery: Simple Query and
 * Function Call. Each gets one gate decision (a multi-statement string is one command holding every statement) and
 * one completion when its ReadyForQuery arrives. A refused one is replaced upstream by the stand-in Query that fails
 * to parse, and the relay shows the refusal in place of that failure: a client sees the error and ReadyForQuery it
 * would see from PostgreSQL for a failed Query or Function Call alike.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SIMPLE-QUERY">Simple Query</a>
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-FUNCTION-CALL">Function
 *     Call</a>
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
        judgeAndForward(new SqlCommand(query.sql(), analyzer.analyze(query.sql()), List.of()), Pending.Kind.QUERY,
                frame);
    }

    /** Function Call (fastpath): judged as a command that names the function and its argument count, see {@link #command}. */
    void functionCall(PgFrame frame) throws IOException {
        judgeAndForward(command(FunctionCall.decode(frame.body())), Pending.Kind.FUNCTION_CALL, frame);
    }

    /**
     * A fastpath call in the core's words: a statement of kind {@link SqlStatement#FUNCTION_CALL} the gateway cannot
     * see into (a function OID and binary arguments; no SQL, no tables), with one unspecified parameter type per
     * argument. The argument values never enter the command: they can be row data.
     */
    static SqlCommand command(FunctionCall call) {
        int arguments = call.arguments().size();
        String description = "fastpath call of function oid " + call.unsignedOid() + " (" + arguments
                + (arguments == 1 ? " argument)" : " arguments)");
        return new SqlCommand(description, List.of(SqlStatement.opaque(SqlStatement.FUNCTION_CALL, description)),
                Collections.nCopies(arguments, "0"));
    }

    private void judgeAndForward(SqlCommand command, Pending.Kind kind, PgFrame frame) throws IOException {
        CommandLedger.Judgement judgement = ledger.judge(command);
        switch (judgement.verdict()) {
            case Verdict.Forward forward -> {
                Pending pending = Pending.command(kind,
                        new CommandRun(judgement.commandId(), forward.maskPlan(), forward.outcome(), System.nanoTime()));
                inFlight.add(pending);
                statementTimer.watch(pending);
                Frames.write(toUpstream, frame);
            }
            case Verdict.Refuse refuse -> {
                inFlight.add(Pending.refused(Pending.Kind.QUERY, refuse.error()));
                toUpstream.write(PgDecisions.standInQuery());
            }
        }
    }
}
