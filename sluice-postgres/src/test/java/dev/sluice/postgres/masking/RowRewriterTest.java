package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowRewriterTest {

    private static final ValueContext UTC = ValueContext.DEFAULT;
    private static final ColumnAction PASS = ColumnAction.pass();
    private static final ColumnAction PARTIAL = ColumnAction.rewrite(TestScrubbers.PARTIAL, true);

    @Test
    void aRowNothingTouchesIsTheSameFrame() throws Exception {
        RowRewriter rewriter = RowRewriter.create(List.of(Column.text(25), Column.binary(23)),
                List.of(PASS, PASS), null, UTC);
        PgFrame row = Wire.dataRow("123-45-6789", Wire.int4(7));
        assertThat(rewriter.passesEverything()).isTrue();
        assertThat(rewriter.rewrite(row)).isSameAs(row);
    }

    @Test
    void aRowWhoseValuesTheNetLeavesAloneIsTheSameFrame() throws Exception {
        RowRewriter rewriter = RowRewriter.create(List.of(Column.text(25), Column.binary(25)),
                List.of(PASS, PASS), TestScrubbers.SSN_NET, UTC);
        PgFrame row = Wire.dataRow("nothing here", "nor here");
        assertThat(rewriter.rewrite(row)).isSameAs(row);
    }

    @Test
    void rewritesOnlyTheColumnsItMustAndKeepsNulls() throws Exception {
        RowRewriter rewriter = RowRewriter.create(
                List.of(Column.text(23), Column.text(25), Column.text(25), Column.binary(25)),
                List.of(PASS, PARTIAL, PARTIAL, ColumnAction.toNull()), null, UTC);
        PgFrame row = Wire.dataRow("1", "123-45-6789", null, "secret");
        assertThat(Wire.texts(rewriter.rewrite(row))).containsExactly("1", "*******6789", null, null);
    }

    @Test
    void theNetRunsOverTextLikeValuesInBothFormatsAfterTheAction() throws Exception {
        UnaryOperator<String> shout = String::toUpperCase;
        RowRewriter rewriter = RowRewriter.create(
                List.of(Column.text(25), Column.binary(1043), Column.binary(3802), Column.text(25)),
                List.of(PASS, PASS, PASS, ColumnAction.rewrite(shout, true)), TestScrubbers.SSN_NET, UTC);
        byte[] jsonb = concat(new byte[] {1}, Wire.utf8("{\"ssn\": \"123-45-6789\"}"));
        PgFrame row = Wire.dataRow("ssn 123-45-6789", "call 555-12-3456", jsonb, "x 999-99-9999");
        List<byte[]> out = Wire.values(rewriter.rewrite(row));
        assertThat(new String(out.get(0))).isEqualTo("ssn [SSN]");
        assertThat(new String(out.get(1))).isEqualTo("call [SSN]");
        assertThat(out.get(2)[0]).isEqualTo((byte) 1);
        assertThat(new String(out.get(2), 1, out.get(2).length - 1)).isEqualTo("{\"ssn\": \"[SSN]\"}");
        assertThat(new String(out.get(3))).isEqualTo("X [SSN]");
    }

    @Test
    void binaryValuesAreDecodedRewrittenAndEncodedInTheirType() throws Exception {
        UnaryOperator<String> plusOne = s -> Integer.toString(Integer.parseInt(s) + 1);
        RowRewriter rewriter = RowRewriter.create(List.of(Column.binary(23)),
                List.of(ColumnAction.rewrite(plusOne, true)), null, UTC);
        assertThat(Wire.values(rewriter.rewrite(Wire.dataRow(Wire.int4(41)))).get(0)).isEqualTo(Wire.int4(42));
    }

    @Test
    void anOutputThatIsNotOfTheTypeIsNullNeverTheRawValue() throws Exception {
        UnaryOperator<String> stars = s -> "***";
        RowRewriter rewriter = RowRewriter.create(
                List.of(Column.binary(23), Column.text(1082), Column.binary(1082), Column.text(1082)),
                List.of(ColumnAction.rewrite(stars, true), ColumnAction.rewrite(stars, true),
                        ColumnAction.rewrite(s -> s.substring(0, 4), false),
                        ColumnAction.rewrite(s -> s.substring(0, 4), false)), null, UTC);
        PgFrame row = Wire.dataRow(Wire.int4(123456789), "1980-02-03", Wire.int4(-7000), "1980-02-03");
        assertThat(Wire.values(rewriter.rewrite(row))).containsExactly(null, null, null, null);
    }

    @Test
    void aRetypedColumnCarriesTheMaskedTextInEitherFormat() throws Exception {
        ColumnAction year = ColumnAction.rewrite(s -> s.substring(0, 4), false);
        List<Column> columns = List.of(Column.binary(1082), Column.text(1082), Column.binary(1182));
        boolean[] toText = RowDescription.retypedToText(columns, List.of(year, year, year));
        assertThat(toText).containsExactly(true, true, true);
        RowRewriter rewriter = RowRewriter.create(columns, List.of(year, year, year), null, UTC, toText);
        byte[] dates = BinaryValues.encode(1182, "{1980-02-03,NULL,2001-09-09}", UTC);
        List<byte[]> out = Wire.values(rewriter.rewrite(
                Wire.dataRow(Wire.int4(-7272), "1980-02-03", dates)));
        assertThat(new String(out.get(0))).isEqualTo("1980");
        assertThat(new String(out.get(1))).isEqualTo("1980");
        assertThat(BinaryValues.decode(1009, out.get(2), UTC)).isEqualTo("{1980,NULL,2001}");
    }

    @Test
    void opaqueBinaryValuesCannotBeRewrittenOrScannedSoTheyAreNull() throws Exception {
        int composite = 16_900;
        RowRewriter rewriter = RowRewriter.create(
                List.of(Column.binary(composite), Column.binary(composite), Column.text(composite),
                        Column.binary(17), Column.binary(1186)),
                List.of(PARTIAL, PASS, PASS, PARTIAL, PASS), TestScrubbers.SSN_NET, UTC);
        byte[] opaque = Wire.utf8("(123-45-6789)");
        PgFrame row = Wire.dataRow(opaque, opaque, "(123-45-6789)", Wire.utf8("bytes"), new byte[16]);
        List<byte[]> out = Wire.values(rewriter.rewrite(row));
        assertThat(out.get(0)).isNull();
        assertThat(out.get(1)).isNull();
        assertThat(new String(out.get(2))).isEqualTo("([SSN])");
        assertThat(out.get(3)).isNull(); // bytea under a rewrite
        assertThat(out.get(4)).hasSize(16); // interval: no text to scan
    }

    @Test
    void arraysAreRewrittenElementByElementInBothFormats() throws Exception {
        List<Column> columns = List.of(Column.binary(1009), Column.text(1009), Column.binary(1007));
        ColumnAction negate = ColumnAction.rewrite(s -> "-" + s, true);
        RowRewriter rewriter = RowRewriter.create(columns, List.of(PARTIAL, PARTIAL, negate), null, UTC);
        byte[] texts = BinaryValues.encode(1009, "{123-45-6789,NULL,\"a b\"}", UTC);
        byte[] ints = BinaryValues.encode(1007, "{1,2}", UTC);
        List<byte[]> out = Wire.values(rewriter.rewrite(
                Wire.dataRow(texts, "{123-45-6789,NULL,\"ab, c\"}", ints)));
        assertThat(BinaryValues.decode(1009, out.get(0), UTC)).isEqualTo("{*******6789,NULL,\"a b\"}");
        assertThat(new String(out.get(1))).isEqualTo("{*******6789,NULL,\"*b, c\"}");
        assertThat(BinaryValues.decode(1007, out.get(2), UTC)).isEqualTo("{-1,-2}");
    }

    @Test
    void malformedBinaryUnderARewriteIsNull() throws Exception {
        RowRewriter rewriter = RowRewriter.create(List.of(Column.binary(23), Column.binary(1009)),
                List.of(PARTIAL, PARTIAL), null, UTC);
        List<byte[]> out = Wire.values(rewriter.rewrite(Wire.dataRow(new byte[3], new byte[5])));
        assertThat(out).containsExactly(null, null);
    }

    @Test
    void aRefusalOrAMismatchedDecisionRefusesTheResult() {
        List<Column> two = List.of(Column.text(25), Column.text(25));
        assertThatThrownBy(() -> RowRewriter.create(two, List.of(PASS, ColumnAction.refuse("ssn may not leave")),
                null, UTC)).isInstanceOf(ResultRefusedException.class).hasMessage("ssn may not leave");
        assertThatThrownBy(() -> RowRewriter.create(two, List.of(PASS), null, UTC))
                .isInstanceOf(ResultRefusedException.class);
    }

    @Test
    void aRowOfTheWrongShapeOrAFailingMaskRefusesTheResult() throws Exception {
        RowRewriter rewriter = RowRewriter.create(List.of(Column.text(25)),
                List.of(ColumnAction.rewrite(s -> {
                    throw new IllegalStateException("boom");
                }, true)), null, UTC);
        assertThatThrownBy(() -> rewriter.rewrite(Wire.dataRow("a", "b"))).isInstanceOf(ResultRefusedException.class);
        assertThatThrownBy(() -> rewriter.rewrite(Wire.frame('D', (byte) 0, (byte) 1, (byte) 0, (byte) 0,
                (byte) 0, (byte) 9, (byte) 'x'))).isInstanceOf(ResultRefusedException.class);
        assertThatThrownBy(() -> rewriter.rewrite(Wire.dataRow("x")))
                .isInstanceOf(ResultRefusedException.class).hasMessageContaining("column 1");
    }

    @Test
    void anUndescribedResultIsAllNull() throws Exception {
        RowRewriter rewriter = RowRewriter.nullingEverything();
        assertThat(Wire.values(rewriter.rewrite(Wire.dataRow("123-45-6789", Wire.int4(1), null))))
                .containsExactly(null, null, null);
        PgFrame allNull = Wire.dataRow(null, null);
        assertThat(rewriter.rewrite(allNull)).isSameAs(allNull);
    }

    @Test
    void unchangedNeighboursSurviveByteForByte() throws Exception {
        RowRewriter rewriter = RowRewriter.create(
                List.of(Column.binary(20), Column.text(25), Column.binary(17), Column.text(25), Column.binary(23)),
                List.of(PASS, PARTIAL, PASS, ColumnAction.toNull(), PASS), null, UTC);
        byte[] blob = {0, (byte) 0xFF, 1, 2};
        PgFrame row = Wire.dataRow(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "abcdef", blob, "gone", Wire.int4(-1));
        assertThat(rewriter.rewrite(row).body())
                .isEqualTo(Wire.dataRow(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, "**cdef", blob, null, Wire.int4(-1))
                        .body());
    }

    @Test
    void textTravelsInTheClientEncoding() throws Exception {
        ValueContext latin1 = ValueContext.DEFAULT.withClientEncoding("LATIN1");
        RowRewriter rewriter = RowRewriter.create(List.of(Column.text(25), Column.text(25)),
                List.of(PASS, PASS), TestScrubbers.SSN_NET, latin1);
        byte[] clean = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] dirty = "caf\u00e9 123-45-6789".getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> out = Wire.values(rewriter.rewrite(Wire.dataRow(clean, dirty)));
        assertThat(out.get(0)).isEqualTo(clean);
        assertThat(out.get(1)).isEqualTo("caf\u00e9 [SSN]".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
