package dev.sluice.postgres.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code options} startup parameter read as PostgreSQL's pg_split_opts and process_postgres_switches read it. */
class StartupOptionsTest {

    @Test
    void wordsSplitAtWhitespaceUnlessEscaped() {
        assertThat(StartupOptions.words("  -c a=1\t--b=two\\ words  -c\nc=x\\\\y ")).containsExactly(
                "-c", "a=1", "--b=two words", "-c", "c=x\\y");
    }

    @Test
    void trailingBackslashIsDroppedAsPostgresDropsIt() {
        assertThat(StartupOptions.words("-ca=1\\")).containsExactly("-ca=1");
    }

    @Test
    void everySpellingOfAParameterSettingIsAccepted() throws SessionRefusal {
        assertThat(StartupOptions.settings("-c search_path=app,public -cwork_mem=64MB --statement-timeout=5s"))
                .containsExactly(new StartupSetting("search_path", "app,public"),
                        new StartupSetting("work_mem", "64MB"), new StartupSetting("statement_timeout", "5s"));
    }

    @Test
    void emptyValuesAndValuesWithEqualsSignsAreKept() throws SessionRefusal {
        assertThat(StartupOptions.settings("-c a= -c b=x=y")).containsExactly(new StartupSetting("a", ""),
                new StartupSetting("b", "x=y"));
    }

    @Test
    void emptyOptionsSetNothing() throws SessionRefusal {
        assertThat(StartupOptions.settings("   ")).isEmpty();
        assertThat(StartupOptions.settings("--")).isEmpty();
    }

    @Test
    void serverSwitchesThatAreNotSettingsAreUnsupported() {
        for (String options : new String[] {"-d 5", "-e", "-B 100", "-c a=1 -F", "-P"}) {
            assertThatThrownBy(() -> StartupOptions.settings(options)).as(options)
                    .isInstanceOfSatisfying(SessionRefusal.class, refusal -> {
                        assertThat(refusal.sqlState()).isEqualTo("0A000");
                        assertThat(refusal.getMessage()).startsWith("SLUICE: the switch -");
                    });
        }
    }

    @Test
    void strayWordsAndSwitchesWithoutAnAssignmentAreMalformed() {
        for (String options : new String[] {"search_path=app", "-c", "-c search_path", "--search_path",
                "-c =1", "-- -c a=1", "-"}) {
            assertThatThrownBy(() -> StartupOptions.settings(options)).as(options)
                    .isInstanceOfSatisfying(SessionRefusal.class, refusal -> {
                        assertThat(refusal.sqlState()).isEqualTo("08P01");
                        assertThat(refusal.getMessage()).startsWith("SLUICE: options contains ");
                    });
        }
    }

    @Test
    void refusalsNeverEchoTheValue() {
        assertThatThrownBy(() -> StartupOptions.settings("-c role=admin secret-word"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-word").doesNotContain("admin"));
    }
}
