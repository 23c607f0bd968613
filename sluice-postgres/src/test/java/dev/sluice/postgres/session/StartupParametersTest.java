package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.frontend.StartupMessage;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupParametersTest {

    private static StartupMessage startup(String... pairs) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", "alice");
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.put(pairs[i], pairs[i + 1]);
        }
        return StartupMessage.of(parameters);
    }

    @Test
    void clientEnvironmentPassesAsSentAndEverythingElseIsASettingToJudge() throws SessionRefusal {
        StartupParameters.Request request = StartupParameters.read(startup("database", "clinic",
                "application_name", "psql", "client_encoding", "UTF8", "DateStyle", "ISO", "search_path", "app",
                "options", "-c role=admin", "_pq_.compression", "on"));
        assertThat(request.environment()).containsExactly(Map.entry("application_name", "psql"),
                Map.entry("client_encoding", "UTF8"), Map.entry("DateStyle", "ISO"));
        assertThat(request.settings()).containsExactly(new StartupSetting("role", "admin"),
                new StartupSetting("search_path", "app"));
        assertThat(request.applicationName()).isEqualTo("psql");
    }

    @Test
    void upstreamGetsEnvironmentAndSettingsButNotUserDatabaseOptionsOrProtocolOptions() throws SessionRefusal {
        StartupParameters.Request request = StartupParameters.read(startup("database", "clinic",
                "application_name", "psql", "options", "-c search_path=a -c datestyle=German", "_pq_.x", "on"));
        assertThat(request.forUpstream()).containsExactly(Map.entry("datestyle", "German"),
                Map.entry("application_name", "psql"), Map.entry("search_path", "a"));
    }

    @Test
    void aNamedParameterWinsOverOptionsAsInPostgres() throws SessionRefusal {
        StartupParameters.Request request = StartupParameters.read(startup("options",
                "-c search_path=from_options -c application_name=from_options", "search_path", "named",
                "application_name", "named"));
        assertThat(request.forUpstream()).containsEntry("search_path", "named")
                .containsEntry("application_name", "named").hasSize(2);
        assertThat(request.settings()).as("both are judged").hasSize(2);
    }

    @Test
    void settingsBecomeTheSetCommandsTheyAmountTo() {
        assertThat(new StartupSetting("Search_Path", "app").asSql()).isEqualTo("SET search_path TO 'app'");
        assertThat(new StartupSetting("x.note", "it's").asSql()).isEqualTo("SET x.note TO 'it''s'");
    }

    @Test
    void parameterNamesThatAreNotIdentifiersAreRefused() {
        for (String name : new String[] {"search_path; drop table t", "1abc", "a..b", "role'"}) {
            assertThatThrownBy(() -> StartupParameters.read(startup(name, "x"))).as(name)
                    .isInstanceOfSatisfying(SessionRefusal.class, refusal -> {
                        assertThat(refusal.sqlState()).isEqualTo("42602");
                        assertThat(refusal.getMessage()).doesNotContain(name);
                    });
        }
    }

    @Test
    void replicationConnectionsAreRefused() {
        assertThatThrownBy(() -> StartupParameters.read(startup("replication", "database")))
                .hasMessageContaining("replication connections are not supported");
        assertThatThrownBy(() -> StartupParameters.read(startup("replication", "true")))
                .isInstanceOf(SessionRefusal.class);
    }

    @Test
    void replicationOffIsAnOrdinarySessionAndNotForwarded() throws SessionRefusal {
        assertThat(StartupParameters.read(startup("replication", "off")).forUpstream())
                .doesNotContainKey("replication");
    }

    @Test
    void clientEncodingsThatHideQuotesFromAnalysisAreRefusedWhereverTheyAreSet() {
        for (String encoding : new String[] {"SJIS", "Shift_JIS_2004", "big5", "GB18030"}) {
            assertThatThrownBy(() -> StartupParameters.read(startup("client_encoding", encoding)))
                    .isInstanceOfSatisfying(SessionRefusal.class,
                            refusal -> assertThat(refusal.sqlState()).isEqualTo("0A000"));
        }
        assertThatThrownBy(() -> StartupParameters.read(startup("options", "-c client_encoding=SJIS")))
                .hasMessageContaining("client_encoding SJIS is not supported");
    }

    @Test
    void asciiCompatibleEncodingsAreFine() throws SessionRefusal {
        for (String encoding : new String[] {"UTF8", "LATIN1", "EUC_JP", "SQL_ASCII"}) {
            assertThat(StartupParameters.read(startup("client_encoding", encoding)).environment())
                    .containsEntry("client_encoding", encoding);
        }
    }
}
