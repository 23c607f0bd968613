package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.ErrorFields;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageScrubberTest {

    private final MessageScrubber scrubber = new MessageScrubber(TestScrubbers.SSN_NET);

    private static PgFrame error(char type, Map<Character, String> fields) {
        return MessageScrubber.frameOf(new ErrorFields(fields).encode(type));
    }

    @Test
    void scrubsTheFieldsThatEchoDataAndKeepsIdentifiers() throws Exception {
        Map<Character, String> fields = new LinkedHashMap<>();
        fields.put('S', "ERROR");
        fields.put('C', "P0001"); // a RAISE: its texts are whatever the code wrote, so only the net applies
        fields.put('M', "duplicate key value 123-45-6789");
        fields.put('D', "Key (ssn)=(123-45-6789) already exists.");
        fields.put('W', "PL/pgSQL function f() line 3 at RAISE: 123-45-6789");
        fields.put('q', "SELECT '123-45-6789'");
        fields.put('c', "123-45-6789"); // a column really named like that stays: it is an identifier
        PgFrame out = scrubber.scrub(error('E', fields), StandardCharsets.UTF_8);
        ErrorFields scrubbed = ErrorFields.decode(out.body());
        assertThat(scrubbed.message()).isEqualTo("duplicate key value [SSN]");
        assertThat(scrubbed.detail()).isEqualTo("Key (ssn)=([SSN]) already exists.");
        assertThat(scrubbed.field('W')).contains("PL/pgSQL function f() line 3 at RAISE: [SSN]");
        assertThat(scrubbed.field('q')).contains("SELECT '[SSN]'");
        assertThat(scrubbed.field('c')).contains("123-45-6789");
        assertThat(scrubbed.sqlState()).isEqualTo("P0001");
        assertThat(out.typeChar()).isEqualTo('E');
    }

    private ErrorFields scrubbed(char type, String sqlState, String message, String detail) throws Exception {
        Map<Character, String> fields = new LinkedHashMap<>();
        fields.put('S', "ERROR");
        fields.put('C', sqlState);
        fields.put('M', message);
        if (detail != null) {
            fields.put('D', detail);
        }
        fields.put('t', "patients");
        fields.put('n', "patients_mrn_key");
        return ErrorFields.decode(scrubber.scrub(error(type, fields), StandardCharsets.UTF_8).body());
    }

    @Test
    void aDataExceptionQuotesNoValueWhateverItLooksLike() throws Exception {
        assertThat(scrubbed('E', "22P02", "invalid input syntax for type uuid: \"Quaintance\"", null).message())
                .isEqualTo("invalid input syntax for type uuid: \"***\"");
        assertThat(scrubbed('E', "22P02", "invalid input syntax for type numeric: \"MRN-1042\"", null).message())
                .isEqualTo("invalid input syntax for type numeric: \"***\"");
        assertThat(scrubbed('E', "22003", "value \"98765432101\" is out of range for type integer", null).message())
                .isEqualTo("value \"***\" is out of range for type integer");
        // A value holding quotes of its own cannot leave a piece behind.
        assertThat(scrubbed('N', "22P02", "invalid input syntax for type inet: \"O\"Brien \"x\" y\"", null)
                .message()).isEqualTo("invalid input syntax for type inet: \"***\"");
        assertThat(scrubbed('E', "22P02", "malformed array literal: \"Quaintance\"",
                "Array value must start with \"{\" or dimension information.").detail())
                .isEqualTo("Array value must start with \"***\" or dimension information.");
    }

    @Test
    void anIntegrityViolationQuotesNeitherTheKeyNorTheFailingRow() throws Exception {
        ErrorFields duplicate = scrubbed('E', "23505",
                "duplicate key value violates unique constraint \"patients_mrn_key\"",
                "Key (mrn)=(A-1042) already exists.");
        assertThat(duplicate.message()).isEqualTo("duplicate key value violates unique constraint \"***\"");
        assertThat(duplicate.detail()).isEqualTo("Key (mrn)=(***) already exists.");
        assertThat(duplicate.field('n')).contains("patients_mrn_key"); // the identifier fields stay
        assertThat(duplicate.field('t')).contains("patients");

        assertThat(scrubbed('E', "23503", "insert or update violates foreign key constraint \"fk\"",
                "Key (last_name, mrn)=(O\"Brien), A-1042) is not present in table \"patients\".").detail())
                .isEqualTo("Key (last_name, mrn)=(***) is not present in table \"***\".");
        assertThat(scrubbed('E', "23502", "null value in column \"dob\" violates not-null constraint",
                "Failing row contains (7, Quaintance, \"Anna Maria\", null).").detail())
                .isEqualTo("Failing row contains (***).");
        assertThat(scrubbed('E', "23514", "new row violates check constraint \"c\"",
                "Failing row contains (7, Quaintance).").detail()).isEqualTo("Failing row contains (***).");
    }

    @Test
    void theContentNetStillRunsOverWhatRemains() throws Exception {
        assertThat(scrubbed('E', "23505", "duplicate key 123-45-6789", "Key (ssn)=(123-45-6789) already exists.")
                .message()).isEqualTo("duplicate key [SSN]");
    }

    @Test
    void otherClassesKeepTheirQuotes() throws Exception {
        PgFrame missing = error('E', Map.of('S', "ERROR", 'C', "42P01",
                'M', "relation \"nope\" does not exist"));
        assertThat(scrubber.scrub(missing, StandardCharsets.UTF_8)).isSameAs(missing);
    }

    @Test
    void aCleanMessageIsTheSameFrame() {
        PgFrame notice = error('N', Map.of('S', "NOTICE", 'M', "relation exists, skipping"));
        assertThat(scrubber.scrub(notice, StandardCharsets.UTF_8)).isSameAs(notice);
    }

    @Test
    void notificationPayloadsAreScrubbedChannelsKept() {
        PgFrame notification = notification(42, "ssn_123-45-6789", "patient 123-45-6789 admitted");
        PgFrame out = scrubber.scrub(notification, StandardCharsets.UTF_8);
        assertThat(out.body()).isEqualTo(notification(42, "ssn_123-45-6789", "patient [SSN] admitted").body());
        PgFrame clean = notification(1, "c", "nothing");
        assertThat(scrubber.scrub(clean, StandardCharsets.UTF_8)).isSameAs(clean);
    }

    @Test
    void unreadableMessagesAreNotSentUnchecked() {
        PgFrame badNotice = Wire.frame('N', (byte) 'M', (byte) 'x');
        assertThat(scrubber.scrub(badNotice, StandardCharsets.UTF_8)).isNull();
        PgFrame badNotification = Wire.frame('A', (byte) 0, (byte) 0);
        assertThat(scrubber.scrub(badNotification, StandardCharsets.UTF_8)).isNull();
        PgFrame badError = Wire.frame('E', (byte) 'M', (byte) '1', (byte) '2', (byte) '3');
        PgFrame replaced = scrubber.scrub(badError, StandardCharsets.UTF_8);
        assertThat(replaced.typeChar()).isEqualTo('E');
        assertThat(new String(replaced.body(), StandardCharsets.UTF_8)).contains("withheld").doesNotContain("123");
    }

    @Test
    void aFailingNetWithholdsTheText() throws Exception {
        MessageScrubber failing = new MessageScrubber(text -> {
            throw new IllegalStateException("detector bug");
        });
        PgFrame out = failing.scrub(error('E', Map.of('S', "ERROR", 'M', "123-45-6789")), StandardCharsets.UTF_8);
        assertThat(ErrorFields.decode(out.body()).message()).startsWith("[withheld");
    }

    static PgFrame notification(int pid, String channel, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Wire.int32(out, pid);
        out.writeBytes(channel.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return new PgFrame((byte) 'A', out.toByteArray());
    }
}
