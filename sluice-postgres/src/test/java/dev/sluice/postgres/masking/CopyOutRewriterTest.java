package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyOutRewriterTest {

    private static final ValueContext UTC = ValueContext.DEFAULT;
    private static final ColumnAction PASS = ColumnAction.pass();
    private static final ColumnAction PARTIAL = ColumnAction.rewrite(TestScrubbers.PARTIAL, true);

    private static CopyOutRewriter rewriter(boolean binary, CopyFormat format, List<Integer> types,
                                            List<ColumnAction> actions) throws ResultRefusedException {
        CopyOutResponse response = new CopyOutResponse(binary,
                Collections.nCopies(actions.size(), binary ? 1 : 0));
        return CopyOutRewriter.create(response, format, response.columns(types), actions, TestScrubbers.SSN_NET,
                UTC, 1024);
    }

    /** Feeds the stream in chunks of the given sizes (cycled) and returns what the client would receive. */
    private static byte[] run(CopyOutRewriter rewriter, byte[] stream, int... chunkSizes) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int pos = 0;
        int k = 0;
        while (pos < stream.length) {
            int size = Math.min(chunkSizes[k++ % chunkSizes.length], stream.length - pos);
            byte[] chunk = new byte[size];
            System.arraycopy(stream, pos, chunk, 0, size);
            pos += size;
            PgFrame out = rewriter.rewrite(Wire.copyData(chunk));
            if (out != null) {
                received.writeBytes(out.body());
            }
        }
        rewriter.finish();
        return received.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void textRowsAreUnescapedMaskedAndEscapedAgain() throws Exception {
        String stream = "1\t123-45-6789\tplain\n"
                + "2\t\\N\tline\\nbreak and tab\\t and \\\\ backslash 123-45-6789\n"
                + "3\tüñí 123-45-6789\t\\N\n";
        CopyOutRewriter rewriter = rewriter(false, CopyFormat.text(), List.of(), List.of(PASS, PARTIAL, PASS));
        String out = new String(run(rewriter, bytes(stream), 1 << 20), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("1\t*******6789\tplain\n"
                + "2\t\\N\tline\\nbreak and tab\\t and \\\\ backslash [SSN]\n"
                + "3\t***********6789\t\\N\n");
    }

    @Test
    void rowsSplitAnywhereAcrossCopyDataComeOutTheSame() throws Exception {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            stream.append(i).append("\tssn 123-45-").append(1000 + i).append("\tx\\ty\n");
        }
        byte[] whole = run(rewriter(false, CopyFormat.text(), List.of(), List.of(PASS, PASS, PARTIAL)),
                bytes(stream.toString()), 1 << 20);
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int[] sizes = random.ints(8, 1, 40).toArray();
            byte[] chunked = run(rewriter(false, CopyFormat.text(), List.of(), List.of(PASS, PASS, PARTIAL)),
                    bytes(stream.toString()), sizes);
            assertThat(chunked).isEqualTo(whole);
        }
        assertThat(new String(whole, StandardCharsets.UTF_8)).doesNotContain("123-45-").contains("ssn [SSN]");
    }

    @Test
    void aCopyDataOfWholeUnchangedRowsIsPassedAsTheSameFrame() throws Exception {
        CopyOutRewriter rewriter = rewriter(false, CopyFormat.text(), List.of(), List.of(PASS, PARTIAL));
        PgFrame row = Wire.copyData(bytes("1\t\\N\n"));
        assertThat(rewriter.rewrite(row)).isSameAs(row);
        PgFrame half = Wire.copyData(bytes("2\tab"));
        assertThat(rewriter.rewrite(half)).isNull();
        assertThat(new String(rewriter.rewrite(Wire.copyData(bytes("cdef\n"))).body())).isEqualTo("2\t**cdef\n");
    }

    @Test
    void customDelimiterNullStringAndHeaderInTextFormat() throws Exception {
        CopyFormat format = new CopyFormat.Text('|', "<null>", true);
        String stream = "id|ssn\n1|a\\|b 123-45-6789\n2|<null>\n";
        String out = new String(run(rewriter(false, format, List.of(), List.of(PASS, PARTIAL)), bytes(stream), 5),
                StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("id|ssn\n1|***********6789\n2|<null>\n");
    }

    @Test
    void csvQuotedFieldsMayHoldDelimitersQuotesAndNewlines() throws Exception {
        String stream = "1,\"multi\nline 123-45-6789\",\"say \"\"hi\"\"\"\n"
                + "2,,\"\"\n";
        CopyOutRewriter rewriter = rewriter(false, CopyFormat.csv(), List.of(), List.of(PASS, PASS, PARTIAL));
        String out = new String(run(rewriter, bytes(stream), 3, 7, 1), StandardCharsets.UTF_8);
        // the net rewrote the quoted multi-line value; PARTIAL keeps the last four of 'say "hi"'
        assertThat(out).isEqualTo("1,\"multi\nline [SSN]\",\"****\"\"hi\"\"\"\n2,,\"\"\n");
    }

    @Test
    void csvSplitAtEveryByteComesOutTheSame() throws Exception {
        Map<CopyFormat, String> streams = Map.of(
                CopyFormat.csv(), "1,\"a \"\"quoted\"\" 123-45-6789\",\"x\ny\"\n2,\"\"\"\",\n3,\"\",end\n",
                new CopyFormat.Csv(',', '"', '\\', "", false),
                "1,\"a \\\"quoted\\\" 123-45-6789\",\"x\ny\"\n2,\"\\\"\",\n3,\"\\\\\",end\n");
        for (Map.Entry<CopyFormat, String> entry : streams.entrySet()) {
            List<ColumnAction> actions = List.of(PASS, PARTIAL, PASS);
            byte[] whole = run(rewriter(false, entry.getKey(), List.of(), actions), bytes(entry.getValue()), 1 << 20);
            assertThat(new String(whole, StandardCharsets.UTF_8)).doesNotContain("123-45").contains("\"x\ny\"");
            for (int size = 1; size <= 4; size++) {
                assertThat(run(rewriter(false, entry.getKey(), List.of(), actions), bytes(entry.getValue()), size))
                        .as("%s in chunks of %d", entry.getKey(), size).isEqualTo(whole);
            }
        }
    }

    @Test
    void csvOutputQuotesWhatWouldOtherwiseReadDifferently() throws Exception {
        ColumnAction toEmpty = ColumnAction.rewrite(s -> "", true);
        ColumnAction toComma = ColumnAction.rewrite(s -> "a,b", true);
        CopyOutRewriter rewriter = rewriter(false, new CopyFormat.Csv(',', '"', '\\', "", false), List.of(),
                List.of(toEmpty, toComma, ColumnAction.rewrite(s -> "q\"\\", true)));
        String out = new String(run(rewriter, bytes("x,y,z\n"), 100), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("\"\",\"a,b\",\"q\\\"\\\\\"\n");
    }

    @Test
    void binaryCopyTuplesAreDecodedPerColumnType() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        stream.writeBytes(new byte[8]);
        for (int i = 0; i < 3; i++) {
            Wire.int16(stream, 3);
            Wire.int32(stream, 4);
            stream.writeBytes(Wire.int4(i));
            byte[] ssn = bytes("123-45-678" + i);
            Wire.int32(stream, ssn.length);
            stream.writeBytes(ssn);
            Wire.int32(stream, -1);
        }
        Wire.int16(stream, -1);
        List<ColumnAction> actions = List.of(ColumnAction.rewrite(s -> "-" + s, true), PARTIAL, PARTIAL);
        byte[] out = run(rewriter(true, CopyFormat.text(), List.of(23, 25, 25), actions), stream.toByteArray(), 5, 3);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(stream.toByteArray(), 0, 19);
        for (int i = 0; i < 3; i++) {
            Wire.int16(expected, 3);
            Wire.int32(expected, 4);
            expected.writeBytes(Wire.int4(-i));
            byte[] masked = bytes("*******678" + i);
            Wire.int32(expected, masked.length);
            expected.writeBytes(masked);
            Wire.int32(expected, -1);
        }
        Wire.int16(expected, -1);
        assertThat(out).isEqualTo(expected.toByteArray());
    }

    @Test
    void binaryCopyOfUnknownTypesNullsWhatARewriteOrTheNetWouldNeedToRead() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        stream.writeBytes(new byte[8]);
        Wire.int16(stream, 1);
        Wire.int32(stream, 11);
        stream.writeBytes(bytes("123-45-6789"));
        Wire.int16(stream, -1);
        byte[] out = run(rewriter(true, CopyFormat.text(), List.of(), List.of(PASS)), stream.toByteArray(), 64);
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).doesNotContain("123-45-6789");
    }

    @Test
    void aRowOverTheBoundRefusesTheResult() throws Exception {
        CopyOutRewriter rewriter = rewriter(false, CopyFormat.text(), List.of(), List.of(PARTIAL));
        byte[] big = new byte[1000];
        Arrays.fill(big, (byte) 'a');
        assertThat(rewriter.rewrite(Wire.copyData(big))).isNull();
        assertThatThrownBy(() -> rewriter.rewrite(Wire.copyData(big)))
                .isInstanceOf(ResultRefusedException.class).hasMessageContaining("larger than");
    }

    @Test
    void dataEndingInsideARowOrMalformedDataRefuses() throws Exception {
        CopyOutRewriter partial = rewriter(false, CopyFormat.text(), List.of(), List.of(PARTIAL));
        partial.rewrite(Wire.copyData(bytes("no newline")));
        assertThatThrownBy(partial::finish).isInstanceOf(ResultRefusedException.class);

        CopyOutRewriter wrongWidth = rewriter(false, CopyFormat.text(), List.of(), List.of(PARTIAL, PASS));
        assertThatThrownBy(() -> wrongWidth.rewrite(Wire.copyData(bytes("a\tb\tc\n"))))
                .isInstanceOf(ResultRefusedException.class);

        CopyOutRewriter badHeader = rewriter(true, CopyFormat.text(), List.of(), List.of(PARTIAL));
        assertThatThrownBy(() -> badHeader.rewrite(Wire.copyData(bytes("PGCOPX\n"))))
                .isInstanceOf(ResultRefusedException.class);
    }

    @Test
    void aRefusalAmongTheActionsRefusesTheCopy() {
        assertThatThrownBy(() -> rewriter(false, CopyFormat.text(), List.of(),
                List.of(PASS, ColumnAction.refuse("no copying patients"))))
                .isInstanceOf(ResultRefusedException.class).hasMessage("no copying patients");
    }

    @Test
    void nothingToDoMeansNotEvenParsing() throws Exception {
        CopyOutResponse response = new CopyOutResponse(false, List.of(0, 0));
        CopyOutRewriter rewriter = CopyOutRewriter.create(response, CopyFormat.text(),
                response.columns(new ArrayList<>()), List.of(PASS, PASS), null, UTC, 16);
        PgFrame garbage = Wire.copyData(new byte[100]);
        assertThat(rewriter.passesEverything()).isTrue();
        assertThat(rewriter.rewrite(garbage)).isSameAs(garbage);
    }
}
