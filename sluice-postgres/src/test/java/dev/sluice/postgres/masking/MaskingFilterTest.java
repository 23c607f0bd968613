package dev.sluice.postgres.masking;

import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.ErrorFields;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingFilterTest {

    private static final MaskPlan MASKS = new MaskPlan(true);
    private static final MaskPlan NONE = MaskPlan.NONE;

    /** Masks every text column partially, dates to their year; passes the rest. */
    private static final Function<List<Column>, List<ColumnAction>> DECISIONS = columns -> {
        List<ColumnAction> actions = new ArrayList<>();
        for (Column column : columns) {
            actions.add(switch (column.typeOid()) {
                case 25 -> ColumnAction.rewrite(TestScrubbers.PARTIAL, true);
                case 1082 -> ColumnAction.rewrite(s -> s.substring(0, 4), false);
                default -> ColumnAction.pass();
            });
        }
        return actions;
    };

    private final List<List<Column>> asked = new ArrayList<>();
    private final MaskingFilter filter = new MaskingFilter(columns -> {
        asked.add(columns);
        return DECISIONS.apply(columns);
    }, TestScrubbers.SSN_NET);

    private static PgFrame z() {
        return Wire.frame('Z', (byte) 'I');
    }

    private static PgFrame complete() {
        return Wire.frame('C', "SELECT 1\0".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aSimpleQueryResultIsMaskedAndATypeChangingColumnAnnouncedAsText() throws Exception {
        PgFrame description = Wire.rowDescription(25, 0, 1082, 0, 23, 0);
        PgFrame announced = filter.filter(description, MASKS);
        RowDescription seen = RowDescription.decode(announced, StandardCharsets.UTF_8);
        assertThat(seen.columns()).extracting(Column::typeOid).containsExactly(25, 25, 23);
        assertThat(seen.columns()).extracting(Column::name).containsExactly("c1", "c2", "c3");
        assertThat(asked).hasSize(1);

        PgFrame row = filter.filter(Wire.dataRow("123-45-6789", "1980-02-03", "7"), MASKS);
        assertThat(Wire.texts(row)).containsExactly("*******6789", "1980", "7");
        PgFrame completion = complete();
        assertThat(filter.filter(completion, MASKS)).isSameAs(completion);
        PgFrame ready = z();
        assertThat(filter.filter(ready, NONE)).isSameAs(ready);
    }

    @Test
    void aPlanThatMasksNothingPassesRowsUntouched() {
        PgFrame description = Wire.rowDescription(25, 0);
        assertThat(filter.filter(description, NONE)).isSameAs(description);
        PgFrame row = Wire.dataRow("123-45-6789");
        assertThat(filter.filter(row, NONE)).isSameAs(row);
        assertThat(asked).isEmpty();
    }

    @Test
    void anExtendedResultDescribedByThePortalIsDecidedAtTheFirstRow() {
        filter.filter(Wire.frame('2'), NONE); // BindComplete
        PgFrame description = Wire.rowDescription(25, 1, 1082, 1);
        assertThat(filter.filter(description, NONE)).isSameAs(description); // Describe: no plan yet
        PgFrame row = filter.filter(Wire.dataRow("123-45-6789", Wire.int4(-7272)), MASKS);
        // binary format as described; the date cannot be announced as text any more, so it is NULL
        assertThat(Wire.values(row).get(0)).asString().isEqualTo("*******6789");
        assertThat(Wire.values(row).get(1)).isNull();
    }

    @Test
    void rowsNobodyDescribedAreAllNull() {
        filter.filter(Wire.frame('2'), NONE);
        PgFrame row = filter.filter(Wire.dataRow("123-45-6789", Wire.int4(5)), MASKS);
        assertThat(Wire.values(row)).containsExactly(null, null);
    }

    @Test
    void aStatementDescriptionsFormatsAreNotTrusted() {
        filter.filter(Wire.frame('t', (byte) 0, (byte) 0), NONE); // ParameterDescription
        filter.filter(Wire.rowDescription(25, 0), NONE); // formats reported as 0 whatever Bind asks
        filter.filter(Wire.frame('2'), NONE);
        PgFrame row = filter.filter(Wire.dataRow("123-45-6789"), MASKS);
        assertThat(Wire.values(row)).containsExactly((byte[]) null);
    }

    @Test
    void rowsAfterAPortalSuspendedAreNotTrustedToTheOldDescription() {
        filter.filter(Wire.rowDescription(25, 0), NONE);
        assertThat(Wire.texts(filter.filter(Wire.dataRow("abcdef"), MASKS))).containsExactly("**cdef");
        filter.filter(Wire.frame('s'), MASKS);
        assertThat(Wire.values(filter.filter(Wire.dataRow("abcdef"), MASKS))).containsExactly((byte[]) null);
    }

    @Test
    void aRefusalBecomesAnErrorAndTheRestUpToReadyForQueryIsNotShown() throws Exception {
        MaskingFilter refusing = new MaskingFilter(
                columns -> Collections.nCopies(columns.size(), ColumnAction.refuse("patients.ssn may not leave")),
                null);
        PgFrame error = refusing.filter(Wire.rowDescription(25, 0), MASKS);
        assertThat(error.typeChar()).isEqualTo('E');
        ErrorFields fields = ErrorFields.decode(error.body());
        assertThat(fields.sqlState()).isEqualTo("42501");
        assertThat(fields.message()).contains("patients.ssn may not leave");
        assertThat(refusing.refusing()).isTrue();
        assertThat(refusing.filter(Wire.dataRow("123-45-6789"), MASKS)).isNull();
        assertThat(refusing.filter(complete(), MASKS)).isNull();
        PgFrame notice = Wire.frame('N', (byte) 'M', (byte) 'h', (byte) 'i', (byte) 0, (byte) 0);
        assertThat(refusing.filter(notice, NONE)).isSameAs(notice);
        PgFrame ready = z();
        assertThat(refusing.filter(ready, NONE)).isSameAs(ready);
        assertThat(refusing.refusing()).isFalse();
        PgFrame next = Wire.rowDescription(23, 0);
        assertThat(refusing.filter(next, NONE)).isSameAs(next); // the next command starts afresh
    }

    @Test
    void aFailingDecisionRefusesTheResultInsteadOfPassingIt() {
        MaskingFilter broken = new MaskingFilter(columns -> {
            throw new IllegalStateException("lineage bug");
        }, null);
        assertThat(broken.filter(Wire.rowDescription(25, 0), MASKS).typeChar()).isEqualTo('E');
    }

    @Test
    void copyOutIsMaskedBetweenResponseAndDone() {
        PgFrame response = Wire.copyOutResponse(false, 2);
        assertThat(filter.filter(response, MASKS)).isSameAs(response);
        assertThat(asked.getFirst()).extracting(Column::typeOid).containsExactly(0, 0);
        PgFrame data = filter.filter(Wire.copyData("1\tssn 123-45-6789\n".getBytes(StandardCharsets.UTF_8)), MASKS);
        assertThat(new String(data.body(), StandardCharsets.UTF_8)).isEqualTo("1\tssn [SSN]\n");
        PgFrame done = Wire.frame('c');
        assertThat(filter.filter(done, MASKS)).isSameAs(done);
    }

    @Test
    void aCopyEndingInsideARowIsRefusedAtCopyDone() {
        filter.filter(Wire.copyOutResponse(false, 1), MASKS);
        assertThat(filter.filter(Wire.copyData("half a row".getBytes(StandardCharsets.UTF_8)), MASKS)).isNull();
        assertThat(filter.filter(Wire.frame('c'), MASKS).typeChar()).isEqualTo('E');
        assertThat(filter.filter(complete(), MASKS)).isNull();
    }

    @Test
    void errorsNoticesAndNotificationsAreScrubbedWhateverThePlan() throws Exception {
        PgFrame error = MessageScrubber.frameOf(ErrorFields.of("ERROR", "22P02",
                "invalid input syntax for type integer: \"123-45-6789\"").encode('E'));
        assertThat(ErrorFields.decode(filter.filter(error, NONE).body()).message())
                .isEqualTo("invalid input syntax for type integer: \"***\"");
        PgFrame notification = MessageScrubberTest.notification(1, "ch", "123-45-6789");
        assertThat(filter.filter(notification, NONE).body())
                .isEqualTo(MessageScrubberTest.notification(1, "ch", "[SSN]").body());
    }

    @Test
    void aFunctionResultUnderAMaskingPlanIsNull() {
        PgFrame result = Wire.frame('V', (byte) 0, (byte) 0, (byte) 0, (byte) 3, (byte) 'a', (byte) 'b', (byte) 'c');
        assertThat(filter.filter(result, MASKS).body()).isEqualTo(new byte[] {-1, -1, -1, -1});
        assertThat(filter.filter(result, NONE)).isSameAs(result);
    }

    @Test
    void followsTheSessionsTimeZoneForBinaryTimestamps() {
        filter.filter(Wire.frame('S', "TimeZone\0Asia/Kolkata\0".getBytes(StandardCharsets.US_ASCII)), NONE);
        assertThat(filter.context().timeZone().getId()).isEqualTo("Asia/Kolkata");
        filter.filter(Wire.frame('S', "client_encoding\0LATIN1\0".getBytes(StandardCharsets.US_ASCII)), NONE);
        assertThat(filter.context().charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    }
}
