package dev.sluice.postgres.session;

import dev.sluice.core.gateway.GatewayMetrics;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.ElasticInputStream;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.WireWriter;
import dev.sluice.postgres.codec.backend.CommandComplete;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.ErrorResponse;
import dev.sluice.postgres.codec.backend.ParameterStatus;
import dev.sluice.postgres.codec.backend.ReadyForQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upstream → client direction against a scripted upstream: which in-flight message each answer belongs to, what
 * the client sees in place of a refused command, and what gets recorded. The in-flight queue is filled as the client
 * thread would fill it; the script is the upstream's bytes; the client's view is read from a real loopback socket.
 */
class BackendRelayTest {

    private static final ErrorFields REFUSAL = ErrorFields.of("ERROR", "42501", "SLUICE-DENY: no (rule r)");

    private final InFlight inFlight = new InFlight();
    private final List<CommandRun> completed = new ArrayList<>();
    private final List<String> renamed = new ArrayList<>();
    private ServerSocket server;
    private Socket clientSide;
    private Socket gatewaySide;
    private SessionEnd end;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        clientSide = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        clientSide.setSoTimeout(10_000);
        gatewaySide = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        clientSide.close();
        gatewaySide.close();
        server.close();
    }

    @Test
    void simpleQueryAnswerIsRelayedAndItsRowsCounted() throws IOException {
        CommandRun run = run("q1");
        inFlight.add(Pending.command(Pending.Kind.QUERY, run));
        List<PgFrame> seen = relay(rowDescription(), row(), row(), complete("SELECT 2"), ready());
        assertThat(types(seen)).startsWith("TDDCZ");
        assertThat(completed).containsExactly(run);
        assertThat(run.rows()).isEqualTo(2);
        assertThat(run.hasFailed()).isFalse();
        assertThat(inFlight.isBusy()).isFalse();
    }

    @Test
    void upstreamEndOfStreamTellsTheClientTheConnectionIsLost() throws IOException {
        List<PgFrame> seen = relay();
        assertThat(types(seen)).isEqualTo("E");
        assertThat(ErrorFields.decode(seen.getFirst().body()).sqlState()).isEqualTo("08006");
        assertThat(end.ending().reason()).isEqualTo(EndReason.UPSTREAM_CLOSED);
    }

    @Test
    void rowsOfAMultiStatementQueryAddUp() throws IOException {
        CommandRun run = run("q1");
        inFlight.add(Pending.command(Pending.Kind.QUERY, run));
        relay(complete("INSERT 0 5"), rowDescription(), row(), complete("SELECT 1"), ready());
        assertThat(run.rows()).isEqualTo(6);
    }

    @Test
    void errorInASimpleQueryIsRecordedAndReadyStillEndsIt() throws IOException {
        CommandRun run = run("q1");
        inFlight.add(Pending.command(Pending.Kind.QUERY, run));
        inFlight.add(Pending.of(Pending.Kind.PARSE));
        List<PgFrame> seen = relay(error("22012"), ready(), parseComplete());
        assertThat(types(seen)).startsWith("EZ1");
        assertThat(run.errorSqlState()).isEqualTo("22012");
        assertThat(completed).containsExactly(run);
    }

    @Test
    void refusedQueryShowsTheRefusalInPlaceOfTheStandInsError() throws IOException {
        inFlight.add(Pending.refused(Pending.Kind.QUERY, REFUSAL));
        List<PgFrame> seen = relay(error("42601"), ready());
        assertThat(types(seen)).startsWith("EZ");
        assertThat(ErrorFields.decode(seen.getFirst().body())).isEqualTo(REFUSAL);
        assertThat(completed).isEmpty();
    }

    @Test
    void refusedQueryShowsTheRefusalEvenWhenTheStandInRaisedNothing() throws IOException {
        inFlight.add(Pending.refused(Pending.Kind.QUERY, REFUSAL));
        List<PgFrame> seen = relay(rowDescription(), row(), complete("SELECT 1"), ready());
        assertThat(types(seen)).as("nothing answering text the client did not send is shown").startsWith("EZ");
        assertThat(ErrorFields.decode(seen.getFirst().body()).sqlState()).isEqualTo("42501");
    }

    @Test
    void errorInAPipelineSkipsToSyncAndTheNextUnitIsAttributedRight() throws IOException {
        CommandRun first = run("c1");
        CommandRun second = run("c2");
        inFlight.add(Pending.of(Pending.Kind.PARSE));
        inFlight.add(Pending.of(Pending.Kind.BIND));
        inFlight.add(Pending.command(Pending.Kind.EXECUTE, first));
        inFlight.add(Pending.of(Pending.Kind.SYNC));
        inFlight.add(Pending.of(Pending.Kind.PARSE));
        inFlight.add(Pending.of(Pending.Kind.BIND));
        inFlight.add(Pending.command(Pending.Kind.EXECUTE, second));
        inFlight.add(Pending.of(Pending.Kind.SYNC));
        List<PgFrame> seen = relay(parseComplete(), bindComplete(), error("22012"), ready(),
                parseComplete(), bindComplete(), row(), complete("SELECT 1"), ready());
        assertThat(types(seen)).startsWith("12EZ12DCZ");
        assertThat(completed).containsExactly(first, second);
        assertThat(first.errorSqlState()).isEqualTo("22012");
        assertThat(second.hasFailed()).isFalse();
        assertThat(second.rows()).isEqualTo(1);
    }

    @Test
    void messagesTheServerSkipsAfterAnErrorAreNeverRecorded() throws IOException {
        CommandRun skipped = run("c1");
        inFlight.add(Pending.of(Pending.Kind.PARSE));
        inFlight.add(Pending.of(Pending.Kind.BIND));
        inFlight.add(Pending.command(Pending.Kind.EXECUTE, skipped));
        inFlight.add(Pending.of(Pending.Kind.SYNC));
        List<PgFrame> seen = relay(error("42P01"), ready());
        assertThat(types(seen)).startsWith("EZ");
        assertThat(completed).isEmpty();
    }

    @Test
    void entriesTheClientAddsAfterTheErrorAreSkippedToo() throws IOException {
        BackendRelay relay = relayOver();
        inFlight.add(Pending.of(Pending.Kind.PARSE));
        relay.relay(frame(error("42601")));
        inFlight.add(Pending.of(Pending.Kind.BIND));
        inFlight.add(Pending.command(Pending.Kind.EXECUTE, run("late")));
        inFlight.add(Pending.of(Pending.Kind.SYNC));
        relay.relay(frame(ready()));
        assertThat(inFlight.isBusy()).isFalse();
        assertThat(completed).isEmpty();
    }

    @Test
    void refusedParseAfterAnAllowedExecuteAnswersInPlace() throws IOException {
        CommandRun allowed = run("c1");
        inFlight.add(Pending.of(Pending.Kind.PARSE));
        inFlight.add(Pending.of(Pending.Kind.BIND));
        inFlight.add(Pending.command(Pending.Kind.EXECUTE, allowed));
        inFlight.add(Pending.refused(Pending.Kind.PARSE, REFUSAL));
        inFlight.add(Pending.of(Pending.Kind.SYNC));
        List<PgFrame> seen = relay(parseComplete(), bindComplete(), row(), complete("SELECT 1"), error("42601"),
                ready());
        assertThat(types(seen)).startsWith("12DCEZ");
        assertThat(ErrorFields.decode(seen.get(4).body())).isEqualTo(REFUSAL);
        assertThat(completed).containsExactly(allowed);
    }

    @Test
    void standInThatParsesAfterAllStillShowsTheRefusal() throws IOException {
        inFlight.add(Pending.refused(Pending.Kind.PARSE, REFUSAL));
        inFlight.add(Pending.of(Pending.Kind.SYNC));
        List<PgFrame> seen = relay(parseComplete(), ready());
        assertThat(types(seen)).startsWith("EZ");
        assertThat(ErrorFields.decode(seen.getFirst().body())).isEqualTo(REFUSAL);
    }

    @Test
    void describeOfAStatementEndsAtItsRowDescription() throws IOException {
        inFlight.add(Pending.of(Pending.Kind.DESCRIBE));
        inFlight.add(Pending.of(Pending.Kind.DESCRIBE));
        inFlight.add(Pending.of(Pending.Kind.CLOSE));
        List<PgFrame> seen = relay(parameterDescription(), rowDescription(), noData(), closeComplete());
        assertThat(types(seen)).startsWith("tTn3");
        assertThat(inFlight.isBusy()).isFalse();
    }

    @Test
    void portalSuspendedCompletesTheExecuteWithItsRows() throws IOException {
        CommandRun run = run("c1");
        inFlight.add(Pending.command(Pending.Kind.EXECUTE, run));
        relay(row(), row(), message('s'));
        assertThat(completed).containsExactly(run);
        assertThat(run.rows()).isEqualTo(2);
    }

    @Test
    void copyInModeFollowsTheCopy() throws IOException {
        BackendRelay relay = relayOver();
        inFlight.add(Pending.command(Pending.Kind.QUERY, run("copy")));
        relay.relay(frame(WireWriter.message('G').int8(0).int16(0).toBytes()));
        assertThat(inFlight.copyIn()).isTrue();
        relay.relay(frame(complete("COPY 3")));
        assertThat(inFlight.copyIn()).isFalse();
        relay.relay(frame(ready()));
        assertThat(completed).singleElement().satisfies(r -> assertThat(r.rows()).isEqualTo(3));
    }

    @Test
    void copyOutDataIsRelayedAndTheTagCounted() throws IOException {
        CommandRun run = run("copy");
        inFlight.add(Pending.command(Pending.Kind.QUERY, run));
        List<PgFrame> seen = relay(WireWriter.message('H').int8(0).int16(0).toBytes(), copyData("1,a\n"),
                copyData("2,b\n"), message('c'), complete("COPY 2"), ready());
        assertThat(types(seen)).startsWith("HddcCZ");
        assertThat(run.rows()).isEqualTo(2);
    }

    @Test
    void asynchronousMessagesPassWithNothingInFlight() throws IOException {
        List<PgFrame> seen = relay(ErrorFields.of("NOTICE", "00000", "hello").encode('N'),
                WireWriter.message('A').int32(7).cstring("channel").cstring("payload").toBytes(),
                new ParameterStatus("TimeZone", "UTC").encode());
        assertThat(types(seen)).startsWith("NAS");
    }

    @Test
    void serverFatalErrorIsTheClientsLastWordNotASecondOne() throws IOException {
        List<PgFrame> seen = relay(ErrorFields.of("FATAL", "57P01", "terminating connection").encode('E'));
        assertThat(types(seen)).isEqualTo("E");
        assertThat(ErrorFields.decode(seen.getFirst().body()).sqlState()).isEqualTo("57P01");
        assertThat(end.ending().reason()).isEqualTo(EndReason.UPSTREAM_CLOSED);
    }

    @Test
    void commitFailureAtSyncIsRelayedBeforeReady() throws IOException {
        inFlight.add(Pending.of(Pending.Kind.SYNC));
        List<PgFrame> seen = relay(error("23503"), ready());
        assertThat(types(seen)).startsWith("EZ");
        assertThat(inFlight.isBusy()).isFalse();
    }

    @Test
    void answerTheQueueDoesNotExpectClosesTheSession() throws IOException {
        inFlight.add(Pending.of(Pending.Kind.PARSE));
        List<PgFrame> seen = relay(row());
        assertThat(types(seen)).isEqualTo("E");
        ErrorFields fatal = ErrorFields.decode(seen.getFirst().body());
        assertThat(fatal.severity()).isEqualTo("FATAL");
        assertThat(fatal.sqlState()).isEqualTo("08P01");
        assertThat(end.ending().reason()).isEqualTo(EndReason.PROTOCOL_ERROR);
        assertThat(end.ending().detail()).contains("DATA_ROW in answer to PARSE");
    }

    @Test
    void unknownUpstreamMessageTypeClosesTheSession() throws IOException {
        List<PgFrame> seen = relay(message('?'));
        assertThat(ErrorFields.decode(seen.getFirst().body()).sqlState()).isEqualTo("08P01");
        assertThat(end.ending().detail()).contains("unknown type 0x3f");
    }

    @Test
    void switchingToAnEncodingTheGatewayCannotAnalyseEndsTheSession() throws IOException {
        List<PgFrame> seen = relay(new ParameterStatus("client_encoding", "SJIS").encode());
        assertThat(types(seen)).as("the ParameterStatus itself is not passed on").isEqualTo("E");
        assertThat(ErrorFields.decode(seen.getFirst().body()).sqlState()).isEqualTo("0A000");
    }

    @Test
    void aNewApplicationNameIsReportedOnceAndStillRelayed() throws IOException {
        List<PgFrame> seen = relay(new ParameterStatus("application_name", "report-job").encode(),
                new ParameterStatus("application_name", "report-job").encode(),
                new ParameterStatus("TimeZone", "UTC").encode(),
                new ParameterStatus("application_name", "").encode());
        assertThat(types(seen)).as("all four relayed, then the end of the script ends the session")
                .isEqualTo("SSSSE");
        assertThat(renamed).containsExactly("report-job", "");
    }

    @Test
    void filterSeesEachMessageWithItsCommandsPlanAndMayDropIt() throws IOException {
        MaskPlan masking = new MaskPlan(true);
        CommandRun run = new CommandRun("c1", masking, "allow", System.nanoTime());
        inFlight.add(Pending.command(Pending.Kind.QUERY, run));
        List<String> calls = new ArrayList<>();
        ClientBoundFilter dropRows = (frame, plan) -> {
            calls.add(frame.typeChar() + ":" + plan.masksAnything());
            return frame.typeChar() == 'D' ? null : frame;
        };
        List<PgFrame> seen = relay(dropRows, rowDescription(), row(), complete("SELECT 1"), ready());
        assertThat(types(seen)).startsWith("TCZ");
        assertThat(calls).startsWith("T:true", "D:true", "C:true", "Z:false");
        assertThat(run.rows()).as("the tally counts what the upstream sent").isEqualTo(1);
    }

    // --------------------------------------------------------------------------------------------- helpers

    private BackendRelay relayOver() throws IOException {
        ClientChannel channel = new ClientChannel(gatewaySide);
        end = new SessionEnd(channel);
        return new BackendRelay(upstream(new byte[0]), channel, inFlight, end, ClientBoundFilter.PASS_THROUGH,
                completed::add, "", renamed::add, GatewayMetrics.NOOP);
    }

    private List<PgFrame> relay(byte[]... upstream) throws IOException {
        return relay(ClientBoundFilter.PASS_THROUGH, upstream);
    }

    /** Runs the relay over the script to its end of stream and returns everything the client received. */
    private List<PgFrame> relay(ClientBoundFilter filter, byte[]... upstream) throws IOException {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        for (byte[] message : upstream) {
            script.writeBytes(message);
        }
        ClientChannel channel = new ClientChannel(gatewaySide);
        end = new SessionEnd(channel);
        new BackendRelay(upstream(script.toByteArray()), channel, inFlight, end, filter, completed::add, "",
                renamed::add, GatewayMetrics.NOOP).run();
        FrameReader frames = new FrameReader(new BufferedInputStream(clientSide.getInputStream()), 1 << 20);
        List<PgFrame> seen = new ArrayList<>();
        try {
            PgFrame frame;
            while ((frame = frames.read()) != null) {
                seen.add(frame);
            }
        } catch (java.net.SocketException closed) {
            // the relay closed the client socket after its last words
        }
        return seen;
    }

    /** Small buffers, so the script is read in many refills and the buffer grows and shrinks on the way. */
    private static ElasticInputStream upstream(byte[] script) {
        return new ElasticInputStream(new ByteArrayInputStream(script), 16, 64);
    }

    private static CommandRun run(String id) {
        return new CommandRun(id, MaskPlan.NONE, "allow", System.nanoTime());
    }

    private static String types(List<PgFrame> frames) {
        StringBuilder types = new StringBuilder();
        frames.forEach(f -> types.append(f.typeChar()));
        return types.toString();
    }

    private static PgFrame frame(byte[] message) {
        return Frames.of(message);
    }

    private static byte[] message(char type) {
        return WireWriter.message(type).toBytes();
    }

    private static byte[] parseComplete() {
        return message('1');
    }

    private static byte[] bindComplete() {
        return message('2');
    }

    private static byte[] closeComplete() {
        return message('3');
    }

    private static byte[] noData() {
        return message('n');
    }

    private static byte[] parameterDescription() {
        return WireWriter.message('t').int16(1).int32(23).toBytes();
    }

    private static byte[] rowDescription() {
        return WireWriter.message('T').int16(0).toBytes();
    }

    private static byte[] row() {
        return WireWriter.message('D').int16(1).int32(1).bytes(new byte[] {'x'}).toBytes();
    }

    private static byte[] copyData(String text) {
        return WireWriter.message('d').bytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toBytes();
    }

    private static byte[] complete(String tag) {
        return new CommandComplete(tag).encode();
    }

    private static byte[] ready() {
        return ReadyForQuery.IDLE.encode();
    }

    private static byte[] error(String sqlState) {
        return ErrorResponse.of(sqlState, "upstream says no").encode();
    }
}
