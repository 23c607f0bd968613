package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.frontend.StartupMessage;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
    void sessionSettingsAreForwardedButNotUserDatabaseOrProtocolOptions() {
        StartupMessage startup = startup("database", "clinic", "application_name", "psql", "client_encoding", "UTF8",
                "DateStyle", "ISO", "options", "-c search_path=app", "_pq_.compression", "on");
        assertThat(StartupParameters.forUpstream(startup)).containsExactly(
                Map.entry("application_name", "psql"), Map.entry("client_encoding", "UTF8"),
                Map.entry("DateStyle", "ISO"), Map.entry("options", "-c search_path=app"));
    }

    @Test
    void replicationConnectionsAreRefused() {
        assertThat(StartupParameters.unsupported(startup("replication", "database"))).get().asString()
                .contains("replication connections are not supported");
        assertThat(StartupParameters.unsupported(startup("replication", "true"))).isPresent();
    }

    @Test
    void replicationOffIsAnOrdinarySessionAndNotForwarded() {
        StartupMessage startup = startup("replication", "off");
        assertThat(StartupParameters.unsupported(startup)).isEmpty();
        assertThat(StartupParameters.forUpstream(startup)).doesNotContainKey("replication");
    }

    @Test
    void clientEncodingsThatHideQuotesFromAnalysisAreRefused() {
        assertThat(StartupParameters.unsupported(startup("client_encoding", "SJIS"))).isPresent();
        assertThat(StartupParameters.unsupported(startup("client_encoding", "Shift_JIS_2004"))).isPresent();
        assertThat(StartupParameters.unsupported(startup("client_encoding", "big5"))).isPresent();
        assertThat(StartupParameters.unsupported(startup("client_encoding", "GB18030"))).isPresent();
    }

    @Test
    void asciiCompatibleEncodingsAreFine() {
        assertThat(StartupParameters.unsupported(startup("client_encoding", "UTF8"))).isEmpty();
        assertThat(StartupParameters.unsupported(startup("client_encoding", "LATIN1"))).isEmpty();
        assertThat(StartupParameters.unsupported(startup("client_encoding", "EUC_JP"))).isEmpty();
        assertThat(StartupParameters.unsupported(startup("client_encoding", "SQL_ASCII"))).isEmpty();
    }
}
