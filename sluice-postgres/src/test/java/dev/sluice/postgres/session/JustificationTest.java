package dev.sluice.postgres.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JustificationTest {

    @Test
    void aQuotedValueIsTakenWithItsEscapedQuotes() {
        Justification j = new Justification();
        j.observe("SET sluice.justification = 'INC-42: it''s the staging table'");
        assertThat(j.current()).isEqualTo("INC-42: it's the staging table");
    }

    @Test
    void toSessionAndLocalFormsAndBareWordsAreUnderstood() {
        Justification j = new Justification();
        j.observe("set session sluice.justification to 'a'");
        assertThat(j.current()).isEqualTo("a");
        j.observe("SET LOCAL sluice.justification = INC-7");
        assertThat(j.current()).isEqualTo("INC-7");
    }

    @Test
    void theLastSettingInAMultiStatementStringWins() {
        Justification j = new Justification();
        j.observe("set sluice.justification = 'first'; select 1; set sluice.justification = 'second'");
        assertThat(j.current()).isEqualTo("second");
    }

    @Test
    void resetAndDefaultClearIt() {
        Justification j = new Justification();
        j.observe("set sluice.justification = 'x'");
        j.observe("reset sluice.justification");
        assertThat(j.current()).isEmpty();
        j.observe("set sluice.justification = 'x'");
        j.observe("set sluice.justification to default");
        assertThat(j.current()).isEmpty();
        j.observe("set sluice.justification = 'x'");
        j.observe("RESET ALL");
        assertThat(j.current()).isEmpty();
    }

    @Test
    void otherSettingsChangeNothing() {
        Justification j = new Justification();
        j.observe("set sluice.justification = 'kept'");
        j.observe("set search_path = public; set application_name = 'sluice.justification'");
        assertThat(j.current()).isEqualTo("kept");
    }

    @Test
    void aVeryLongValueIsCut() {
        Justification j = new Justification();
        j.observe("set sluice.justification = '" + "x".repeat(5000) + "'");
        assertThat(j.current()).hasSize(Justification.MAX_LENGTH);
    }
}
