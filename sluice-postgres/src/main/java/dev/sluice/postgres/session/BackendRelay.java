package dev.sluice.postgres.session;

import dev.sluice.core.gateway.GatewayMetrics;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.ElasticInputStream;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.BackendType;
import dev.sluice.postgres.codec.backend.CommandComplete;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.ErrorResponse;
import dev.sluice.postgres.codec.backend.ParameterStatus;

import java.io.IOException;
import java.util.Objects;

/**
 * The upstream → client direction of a session, on its own thread: reads each upstream message, attributes it to
 * the in-flight message it answers, keeps that command's tally, and passes it through the {@link ClientBoundFilter}
 * to the client. Where the client thread refused a command, the upstream's answer to the stand-in is replaced by the
 * refusal here, so the client sees its error exactly where PostgreSQL would have put it.
 *
 * <p>Writes are flushed only when the upstream's next message is not already buffered in full, so large results
 * leave in large packets while a lone ReadyForQuery, a notification or a notice goes out at once, and what is
 * queued never waits for the rest of a message still on the network.
 *
 * <p>An answer the queue does not expect means the gateway no longer knows which command a message belongs to;
 * since masking and audit depend on that, the session is closed (fail closed) rather than continued.
 */
final class BackendRelay implements Runnable {

    /** PostgreSQL never sends a message above 1 GB (MaxAllocSize). */
    static final int MAX_UPSTREAM_MESSAGE_BYTES = 1 << 30;

    /** Records a finished command. */
    @FunctionalInterface
    interface Completions {
        void completed(CommandRun run);
    }

    /** Told when the server reports a new {@code application_name} (a client may set it after startup). */
    @FunctionalInterface
    interface ApplicationNames {
        void changed(String applicationName);
    }

    private final FrameReader frames;
    private final ClientChannel client;
    private final InFlight inFlight;
    private final SessionEnd end;
    private final ClientBoundFilter filter;
    private final Completions completions;
    private final ApplicationNames applicationNames;
    private final GatewayMetrics metrics;
    private String applicationName;
    private boolean upstreamSentFatal;

    /**
     * @param applicationName  the session's {@code application_name} from its startup; {@code applicationNames} hears
     *                         of every later change
     */
    BackendRelay(ElasticInputStream upstreamIn, ClientChannel client, InFlight inFlight, SessionEnd end,
                 ClientBoundFilter filter, Completions completions, String applicationName,
                 ApplicationNames applicationNames, GatewayMetrics metrics) {
        this.client = Objects.requireNonNull(client, "client");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.end = Objects.requireNonNull(end, "end");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.completions = Objects.requireNonNull(completions, "completions");
        this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
        this.applicationNames = Objects.requireNonNull(applicationNames, "applicationNames");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.frames = new FrameReader(Objects.requireNonNull(upstreamIn, "upstreamIn"), MAX_UPSTREAM_MESSAGE_BYTES);
    }

    @Override
    public void run() {
        try {
            while (true) {
                PgFrame frame = frames.read();
                if (frame == null) {
                    upstreamGone("the upstream server closed the connection");
                    return;
                }
                relay(frame);
                if (!frames.nextFrameBuffered()) {
                    flushClient(); // nothing more to add right away: what this batch produced leaves now
                }
            }
        } catch (ClientGone e) {
            end.end(EndReason.CLIENT_DISCONNECT, "client connection lost while relaying results", null, true);
        } catch (ConversationLost e) {
            metrics.protocolError(PgSession.PROTOCOL, "upstream");
            end.end(EndReason.PROTOCOL_ERROR, e.getMessage(), PgErrors.conversationLost(), true);
        } catch (UnsafeEncoding e) {
            end.end(EndReason.PROTOCOL_ERROR, e.getMessage(), PgErrors.fatal("0A000", e.getMessage()), true);
        } catch (IOException e) {
            upstreamGone("upstream connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (RuntimeException e) {
            end.end(EndReason.GATEWAY_ERROR, "relay failed: " + e, PgErrors.internalError(), true, e);
        }
    }

    private void upstreamGone(String detail) {
        if (end.isOver()) {
            return; // the session thread closed the upstream on its way out
        }
        end.end(EndReason.UPSTREAM_CLOSED, detail, upstreamSentFatal ? null : PgErrors.upstreamLost(), true);
    }

    void relay(PgFrame frame) throws IOException {
        BackendType type = BackendType.of(frame.type());
        if (type == null) {
            throw new ConversationLost("the upstream sent a message of unknown type 0x"
                    + Integer.toHexString(frame.type() & 0xFF));
        }
        if (type.asynchronous()) {
            asynchronous(type, frame);
            return;
        }
        Pending head = inFlight.head();
        if (head == null) {
            unsolicited(type, frame);
            return;
        }
        switch (head.kind()) {
            case QUERY -> query(head, type, frame);
            case PARSE -> single(head, type, frame, BackendType.PARSE_COMPLETE);
            case BIND -> single(head, type, frame, BackendType.BIND_COMPLETE);
            case CLOSE -> single(head, type, frame, BackendType.CLOSE_COMPLETE);
            case DESCRIBE -> describe(head, type, frame);
            case MASKING_DESCRIBE -> maskingDescribe(head, type, frame);
            case EXECUTE -> execute(head, type, frame);
            case SYNC -> sync(head, type, frame);
            case FUNCTION_CALL -> functionCall(head, type, frame);
        }
    }

    /** Notices, notifications and parameter changes belong to no command. */
    private void asynchronous(BackendType type, PgFrame frame) throws IOException {
        if (type == BackendType.PARAMETER_STATUS) {
            ParameterStatus status = ParameterStatus.decode(frame.body());
            if (status.name().equalsIgnoreCase("client_encoding") && StartupParameters.unsafeEncoding(status.value())) {
                throw new UnsafeEncoding(StartupParameters.unsafeEncodingMessage(status.value()));
            }
            if (status.name().equals("application_name") && !status.value().equals(applicationName)) {
                applicationName = status.value();
                applicationNames.changed(applicationName);
            }
        }
        toClient(frame, MaskPlan.NONE);
    }

    /** Only an error may come unasked: the server ending the session (admin shutdown, idle timeouts). */
    private void unsolicited(BackendType type, PgFrame frame) throws IOException {
        if (type != BackendType.ERROR_RESPONSE) {
            throw lost(type, "with nothing in flight");
        }
        noteSeverity(ErrorFields.decode(frame.body()));
        toClient(frame, MaskPlan.NONE);
    }

    /** A simple Query: everything up to ReadyForQuery is its answer. */
    private void query(Pending head, BackendType type, PgFrame frame) throws IOException {
        if (head.refusal() != null) {
            refusedQuery(head, type, frame);
            return;
        }
        CommandRun run = head.run();
        switch (type) {
            case ROW_DESCRIPTION, EMPTY_QUERY_RESPONSE, COPY_OUT_RESPONSE, COPY_DATA, COPY_DONE ->
                    toClient(frame, run.maskPlan());
            case DATA_ROW -> {
                run.row();
                toClient(frame, run.maskPlan());
            }
            case COMMAND_COMPLETE -> {
                run.statementComplete(CommandComplete.decode(frame.body()));
                inFlight.copyIn(false);
                toClient(frame, run.maskPlan());
            }
            case COPY_IN_RESPONSE -> {
                inFlight.copyIn(true);
                toClient(frame, run.maskPlan());
            }
            case ERROR_RESPONSE -> {
                inFlight.copyIn(false);
                commandFailed(head, run, frame);
            }
            case READY_FOR_QUERY -> {
                inFlight.pop();
                completions.completed(run);
                toClient(frame, MaskPlan.NONE);
            }
            default -> throw lost(type, "in answer to a simple Query");
        }
    }

    /**
     * The stand-in for a refused Query fails to parse: the client gets the refusal in place of that error, then the
     * ReadyForQuery. Should anything else come back, it is not shown (fail closed), and the refusal still is.
     */
    private void refusedQuery(Pending head, BackendType type, PgFrame frame) throws IOException {
        switch (type) {
            case ERROR_RESPONSE -> {
                noteSeverity(ErrorFields.decode(frame.body()));
                sendRefusal(head);
            }
            case READY_FOR_QUERY -> {
                sendRefusal(head);
                inFlight.pop();
                toClient(frame, MaskPlan.NONE);
            }
            default -> {
                // not shown: whatever this is, it answers text the client did not send
            }
        }
    }

    /** Parse, Bind and Close: one completion message, or an error. */
    private void single(Pending head, BackendType type, PgFrame frame, BackendType completion) throws IOException {
        if (type == completion) {
            inFlight.pop();
            if (head.refusal() != null) {
                // the stand-in parsed after all; the client still sees the refusal, and everything after it up to
                // Sync was held back by the client thread
                sendRefusal(head);
                inFlight.skipToSync();
                return;
            }
            toClient(frame, MaskPlan.NONE);
            return;
        }
        if (type == BackendType.ERROR_RESPONSE) {
            extendedError(head, frame);
            return;
        }
        throw lost(type, "in answer to " + head.kind());
    }

    /** Describe: a statement's ParameterDescription, then RowDescription or NoData. */
    private void describe(Pending head, BackendType type, PgFrame frame) throws IOException {
        switch (type) {
            case PARAMETER_DESCRIPTION -> toClient(frame, MaskPlan.NONE);
            case ROW_DESCRIPTION, NO_DATA -> {
                inFlight.pop();
                toClient(frame, MaskPlan.NONE);
            }
            case ERROR_RESPONSE -> extendedError(head, frame);
            default -> throw lost(type, "in answer to Describe");
        }
    }

    /** The gateway's own portal Describe: the filter learns the rows' description; the client hears nothing of it. */
    private void maskingDescribe(Pending head, BackendType type, PgFrame frame) throws IOException {
        switch (type) {
            case ROW_DESCRIPTION, NO_DATA -> {
                inFlight.pop();
                filter.filter(frame, MaskPlan.NONE);
            }
            case ERROR_RESPONSE -> extendedError(head, frame); // the client's Execute would have failed the same way
            default -> throw lost(type, "in answer to the gateway's Describe");
        }
    }

    /** Execute: rows (or COPY), then CommandComplete, EmptyQueryResponse or PortalSuspended. */
    private void execute(Pending head, BackendType type, PgFrame frame) throws IOException {
        CommandRun run = head.run();
        MaskPlan plan = head.plan();
        switch (type) {
            case DATA_ROW -> {
                if (run != null) {
                    run.row();
                }
                toClient(frame, plan);
            }
            case COMMAND_COMPLETE -> {
                if (run != null) {
                    run.statementComplete(CommandComplete.decode(frame.body()));
                }
                inFlight.copyIn(false);
                finishExecute(run);
                toClient(frame, plan);
            }
            case EMPTY_QUERY_RESPONSE, PORTAL_SUSPENDED -> {
                finishExecute(run);
                toClient(frame, plan);
            }
            case COPY_IN_RESPONSE -> {
                inFlight.copyIn(true);
                toClient(frame, plan);
            }
            case COPY_OUT_RESPONSE, COPY_DATA, COPY_DONE -> toClient(frame, plan);
            case ERROR_RESPONSE -> extendedError(head, frame);
            default -> throw lost(type, "in answer to Execute");
        }
    }

    private void finishExecute(CommandRun run) {
        inFlight.pop();
        if (run != null) {
            completions.completed(run);
        }
    }

    /** Function Call (fastpath): the function's result, or an error, then ReadyForQuery. */
    private void functionCall(Pending head, BackendType type, PgFrame frame) throws IOException {
        CommandRun run = head.run();
        switch (type) {
            case FUNCTION_CALL_RESPONSE -> {
                run.row();
                toClient(frame, run.maskPlan());
            }
            case ERROR_RESPONSE -> commandFailed(head, run, frame);
            case READY_FOR_QUERY -> {
                inFlight.pop();
                completions.completed(run);
                toClient(frame, MaskPlan.NONE);
            }
            default -> throw lost(type, "in answer to a Function Call");
        }
    }

    /** The upstream's error for a Query or Function Call: recorded with the command, relayed (explained) as is. */
    private void commandFailed(Pending head, CommandRun run, PgFrame frame) throws IOException {
        ErrorFields error = ErrorFields.decode(frame.body());
        noteSeverity(error);
        run.failed(error.sqlState());
        toClient(explained(head, error, frame), run.maskPlan());
    }

    /** Sync: ReadyForQuery, possibly after the error of a failed implicit COMMIT. */
    private void sync(Pending head, BackendType type, PgFrame frame) throws IOException {
        switch (type) {
            case READY_FOR_QUERY -> {
                inFlight.pop();
                toClient(frame, MaskPlan.NONE);
            }
            case ERROR_RESPONSE -> {
                noteSeverity(ErrorFields.decode(frame.body()));
                toClient(frame, MaskPlan.NONE);
            }
            default -> throw lost(type, "in answer to Sync");
        }
    }

    /** An error ends the head message's answer, and the server now skips everything up to the next Sync. */
    private void extendedError(Pending head, PgFrame frame) throws IOException {
        ErrorFields error = ErrorFields.decode(frame.body());
        noteSeverity(error);
        inFlight.copyIn(false);
        inFlight.pop();
        inFlight.skipToSync();
        CommandRun run = head.run();
        if (run != null) {
            run.failed(error.sqlState());
            completions.completed(run);
        }
        if (head.refusal() != null) {
            sendRefusal(head);
        } else {
            toClient(explained(head, error, frame), head.plan());
        }
    }

    /** The upstream's error as is, unless the gateway's statement timeout caused it (see Pending#explainCancel). */
    private static PgFrame explained(Pending head, ErrorFields error, PgFrame frame) {
        ErrorFields explained = head.explainCancel(error);
        return explained == error ? frame : Frames.of(explained.encode(ErrorResponse.TYPE));
    }

    private void sendRefusal(Pending head) throws IOException {
        if (head.refusalSent()) {
            return;
        }
        head.markRefusalSent();
        toClient(Frames.of(head.refusal().encode(ErrorResponse.TYPE)), MaskPlan.NONE);
    }

    private void noteSeverity(ErrorFields error) {
        if ("FATAL".equals(error.severity()) || "PANIC".equals(error.severity())) {
            upstreamSentFatal = true;
        }
    }

    /** Queues a message for the client; {@link #run} flushes once the upstream has no next message buffered. */
    private void toClient(PgFrame frame, MaskPlan plan) throws ClientGone {
        PgFrame filtered = filter.filter(frame, plan);
        if (filtered == null) {
            return;
        }
        try {
            client.write(filtered, false);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    private void flushClient() throws ClientGone {
        try {
            client.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    private static ConversationLost lost(BackendType type, String where) {
        return new ConversationLost("the upstream sent " + type + " " + where);
    }

    /** The client socket failed while the relay wrote to it. */
    static final class ClientGone extends IOException {
        ClientGone(IOException cause) {
            super(cause);
        }
    }

    /** The upstream said something the in-flight queue cannot attribute. */
    static final class ConversationLost extends IOException {
        ConversationLost(String message) {
            super(message);
        }
    }

    /** The session switched to a client encoding the gateway cannot analyse SQL in. */
    static final class UnsafeEncoding extends IOException {
        UnsafeEncoding(String message) {
            super(message);
        }
    }
}
