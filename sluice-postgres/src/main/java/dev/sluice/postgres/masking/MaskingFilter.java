package dev.sluice.postgres.masking;

import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.ErrorResponse;
import dev.sluice.postgres.session.ClientBoundFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Masks one session's client-bound messages: the seam between the core's decisions and the wire.
 *
 * <ul>
 *   <li><b>Rows.</b> A RowDescription gives the columns of the result that follows; the decision for that shape
 *       ({@code decisions}, the core's) is compiled into a {@link RowRewriter} that every DataRow up to the result's
 *       end passes through. When the RowDescription comes with a plan that masks (a simple Query), columns whose
 *       rewrite changes their type are announced as {@code text}; otherwise (extended protocol: the Describe comes
 *       with no plan) the decision is taken at the first DataRow and such values are NULL.</li>
 *   <li><b>COPY out.</b> Between CopyOutResponse and CopyDone, CopyData goes through a {@link CopyOutRewriter};
 *       text or CSV and the column types come from {@code copyDescriptions} (the caller knows the statement).</li>
 *   <li><b>Texts.</b> ErrorResponse, NoticeResponse and NotificationResponse go through the {@link MessageScrubber}
 *       whenever there is a net, whatever the plan.</li>
 *   <li><b>Function calls.</b> A FunctionCallResponse under a plan that masks is sent as NULL: nothing says what
 *       the function returned.</li>
 * </ul>
 *
 * <p><b>Fail closed.</b> DataRows under a plan that masks, with no RowDescription in the stream since the result
 * began — an extended-protocol Execute of a portal nobody described, the rows after a PortalSuspended, or a
 * RowDescription from a statement Describe (recognised by the ParameterDescription before it), whose format codes
 * are all 0 whatever Bind asked for — have every value sent as NULL. The session is expected to Describe each portal
 * it executes under masking, so that a RowDescription with the real formats precedes the rows. A refused result
 * ({@link ColumnAction.Refuse}, or anything the rewriters cannot mask safely) is replaced by an ErrorResponse
 * (SQLSTATE 42501) and everything after it up to ReadyForQuery is dropped, as the client expects after an error;
 * ReadyForQuery is passed as the server sent it.
 *
 * <p>Called on the session's upstream thread only; buffers are kept and reused across results.
 */
public final class MaskingFilter implements ClientBoundFilter {

    public static final String REFUSED_SQLSTATE = "42501";

    private static final Logger log = LoggerFactory.getLogger(MaskingFilter.class);

    private final Function<List<Column>, List<ColumnAction>> decisions;
    private final UnaryOperator<String> net;
    private final MessageScrubber scrubber;
    private final Function<MaskPlan, CopyDescription> copyDescriptions;
    private final int maxCopyRowBytes;
    private ValueContext context;

    private List<Column> described;
    private boolean describedFormatsKnown;
    private boolean lastWasParameterDescription;
    private RowRewriter rows;
    private CopyState copyState = CopyState.NONE;
    private CopyOutRewriter copy;
    private boolean refusing;

    private enum CopyState { NONE, PASS, REWRITE }

    /**
     * A filter with default settings: UTF-8 and UTC until the server reports otherwise, COPY assumed to be in text
     * format with column types unknown, rows of up to {@link CopyOutRewriter#DEFAULT_MAX_ROW_BYTES} buffered.
     *
     * @param decisions the core's decision for a result's columns: one action per column
     * @param net       the content net for every text value, or {@code null} for none
     */
    public MaskingFilter(Function<List<Column>, List<ColumnAction>> decisions, UnaryOperator<String> net) {
        this(decisions, net, plan -> CopyDescription.UNKNOWN, ValueContext.DEFAULT,
                CopyOutRewriter.DEFAULT_MAX_ROW_BYTES);
    }

    /**
     * @param copyDescriptions what the command's COPY statement said (format, options, column types), asked at each
     *                         CopyOutResponse under a plan that masks
     * @param initialContext   the session's client encoding and time zone as of its startup (ParameterStatus
     *                         messages after that are followed here)
     * @param maxCopyRowBytes  the bound on one COPY row held back while incomplete
     */
    public MaskingFilter(Function<List<Column>, List<ColumnAction>> decisions, UnaryOperator<String> net,
                         Function<MaskPlan, CopyDescription> copyDescriptions, ValueContext initialContext,
                         int maxCopyRowBytes) {
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.net = net;
        this.scrubber = net == null ? null : new MessageScrubber(net);
        this.copyDescriptions = Objects.requireNonNull(copyDescriptions, "copyDescriptions");
        this.context = Objects.requireNonNull(initialContext, "initialContext");
        if (maxCopyRowBytes < 1) {
            throw new IllegalArgumentException("maxCopyRowBytes must be positive");
        }
        this.maxCopyRowBytes = maxCopyRowBytes;
    }

    /**
     * Whether the current command's result was refused: the client got the refusal, and everything up to the next
     * ReadyForQuery is being dropped. The session can check it after each call to record the refusal (the relay has
     * already counted what the server sent).
     */
    public boolean refusing() {
        return refusing;
    }

    /** The encoding and time zone values are currently read in. */
    public ValueContext context() {
        return context;
    }

    @Override
    public PgFrame filter(PgFrame frame, MaskPlan plan) {
        char type = frame.typeChar();
        boolean afterParameterDescription = lastWasParameterDescription;
        lastWasParameterDescription = type == 't';
        if (refusing) {
            return whileRefusing(frame, type);
        }
        try {
            return switch (type) {
                case 'T' -> rowDescription(frame, plan, afterParameterDescription);
                case 'D' -> dataRow(frame, plan);
                case 'H' -> copyOut(frame, plan);
                case 'd' -> copyData(frame, plan);
                case 'c' -> copyDone(frame);
                case 'C', 'I', 's', 'n', '2' -> {
                    endResult(); // a result ended, or a new portal was bound: the last description no longer holds
                    yield frame;
                }
                case 'E' -> {
                    endResult();
                    yield scrub(frame);
                }
                case 'Z' -> {
                    endResult();
                    yield frame;
                }
                case 'N', 'A' -> scrub(frame);
                case 'S' -> parameterStatus(frame);
                case 'V' -> functionResult(frame, plan);
                default -> frame;
            };
        } catch (ResultRefusedException e) {
            return refuse(e.reason());
        } catch (RuntimeException e) {
            log.warn("masking failed on a {} message; the result is refused ({})", type, e.getClass().getName(), e);
            return refuse("the gateway could not mask it");
        }
    }

    private PgFrame rowDescription(PgFrame frame, MaskPlan plan, boolean afterParameterDescription)
            throws ResultRefusedException {
        endResult();
        RowDescription description;
        try {
            description = RowDescription.decode(frame, context.charset());
        } catch (PgProtocolException e) {
            throw new ResultRefusedException("the server's row description could not be read");
        }
        described = description.columns();
        describedFormatsKnown = !afterParameterDescription;
        if (!plan.masksAnything() || !describedFormatsKnown) {
            return frame; // decided at the first DataRow, under that row's plan
        }
        List<ColumnAction> actions = decide(described);
        boolean[] toText = RowDescription.retypedToText(described, actions);
        rows = RowRewriter.create(described, actions, net, context, toText);
        return description.retype(toText);
    }

    private PgFrame dataRow(PgFrame frame, MaskPlan plan) throws ResultRefusedException {
        if (rows == null) {
            if (!plan.masksAnything()) {
                return frame;
            }
            rows = described != null && describedFormatsKnown
                    ? RowRewriter.create(described, decide(described), net, context)
                    : RowRewriter.nullingEverything();
        }
        return rows.rewrite(frame);
    }

    private PgFrame copyOut(PgFrame frame, MaskPlan plan) throws ResultRefusedException {
        endResult();
        if (!plan.masksAnything()) {
            copyState = CopyState.PASS;
            return frame;
        }
        CopyOutResponse response;
        try {
            response = CopyOutResponse.decode(frame);
        } catch (PgProtocolException e) {
            throw new ResultRefusedException("the server's COPY response could not be read");
        }
        CopyDescription description = Objects.requireNonNull(copyDescriptions.apply(plan), "copy description");
        List<Column> columns = response.columns(description.columnTypes());
        copy = CopyOutRewriter.create(response, description.textFormat(), columns, decide(columns), net, context,
                maxCopyRowBytes);
        copyState = CopyState.REWRITE;
        return frame;
    }

    private PgFrame copyData(PgFrame frame, MaskPlan plan) throws ResultRefusedException {
        return switch (copyState) {
            case PASS -> frame;
            case REWRITE -> copy.rewrite(frame);
            case NONE -> plan.masksAnything() ? null : frame; // data of a COPY that was never announced: not shown
        };
    }

    private PgFrame copyDone(PgFrame frame) throws ResultRefusedException {
        try {
            if (copyState == CopyState.REWRITE) {
                copy.finish();
            }
        } finally {
            copy = null;
            copyState = CopyState.NONE;
        }
        return frame;
    }

    private PgFrame functionResult(PgFrame frame, MaskPlan plan) {
        if (!plan.masksAnything()) {
            return frame;
        }
        byte[] body = frame.body();
        if (body.length == 4 && Bytes.int32(body, 0) == -1) {
            return frame;
        }
        byte[] nullResult = new byte[4];
        Bytes.putInt32(nullResult, 0, -1);
        return new PgFrame(frame.type(), nullResult);
    }

    private PgFrame parameterStatus(PgFrame frame) {
        byte[] body = frame.body();
        int nameEnd = indexOfZero(body, 0);
        int valueEnd = nameEnd < 0 ? -1 : indexOfZero(body, nameEnd + 1);
        if (valueEnd < 0) {
            return frame; // the relay judges malformed messages; nothing to learn here
        }
        String name = new String(body, 0, nameEnd, StandardCharsets.US_ASCII);
        String value = new String(body, nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.UTF_8);
        if (name.equals("client_encoding")) {
            context = context.withClientEncoding(value);
        } else if (name.equals("TimeZone")) {
            context = context.withTimeZone(value);
        }
        return frame;
    }

    private PgFrame scrub(PgFrame frame) {
        return scrubber == null ? frame : scrubber.scrub(frame, context.charset());
    }

    private List<ColumnAction> decide(List<Column> columns) throws ResultRefusedException {
        List<ColumnAction> actions;
        try {
            actions = decisions.apply(columns);
        } catch (RuntimeException e) {
            log.warn("the masking decision failed; the result is refused ({})", e.getClass().getName(), e);
            throw new ResultRefusedException("the gateway could not decide how to mask it");
        }
        if (actions == null) {
            throw new ResultRefusedException("the gateway could not decide how to mask it");
        }
        return actions;
    }

    /** Everything after a refusal, up to ReadyForQuery, is not shown; asynchronous messages still are (scrubbed). */
    private PgFrame whileRefusing(PgFrame frame, char type) {
        return switch (type) {
            case 'Z' -> {
                refusing = false;
                endResult();
                yield frame;
            }
            case 'N', 'A' -> scrub(frame);
            case 'S' -> parameterStatus(frame);
            default -> null;
        };
    }

    private PgFrame refuse(String reason) {
        endResult();
        refusing = true;
        return MessageScrubber.frameOf(ErrorFields.of("ERROR", REFUSED_SQLSTATE,
                "SLUICE-MASK: the result was withheld: " + reason).encode(ErrorResponse.TYPE));
    }

    private void endResult() {
        described = null;
        describedFormatsKnown = false;
        rows = null;
        copy = null;
        copyState = CopyState.NONE;
    }

    private static int indexOfZero(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
