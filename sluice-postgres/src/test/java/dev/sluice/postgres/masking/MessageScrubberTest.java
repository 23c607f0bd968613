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
        fields.put('C', "23505");
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
        assertThat(scrubbed.sqlState()).isEqualTo("23505");
        assertThat(out.typeChar()).isEqualTo('E');
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
