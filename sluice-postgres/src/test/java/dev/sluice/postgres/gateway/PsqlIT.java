package dev.sluice.postgres.gateway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real psql (libpq) through the gateway: the token goes in PGPASSWORD, the connection in dbname. */
class PsqlIT {

    private static final String PSQL = "/usr/bin/psql";

    private static EmbeddedPostgres postgres;
    private static GatewayHarness gateway;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        gateway = GatewayHarness.start(postgres);
        try (Connection direct = postgres.getPostgresDatabase().getConnection();
             Statement s = direct.createStatement()) {
            s.execute("create table visits (id int, note text)");
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void selectsOneRow() throws Exception {
        Result result = psql("sslmode=disable", "-c", "select 1");
        assertThat(result.exitCode).isZero();
        assertThat(result.out).isEqualTo("1\n");
    }

    @Test
    void runsAMultiStatementCommandAsOneQuery() throws Exception {
        Result result = psql("sslmode=disable", "-c", "select 1; select 'two'; select 3");
        assertThat(result.exitCode).isZero();
        assertThat(result.out).isEqualTo("1\ntwo\n3\n");
    }

    @Test
    void fallsBackToPlaintextWhenTlsIsPreferredButNotOffered() throws Exception {
        Result result = psql("sslmode=prefer", "-c", "select 'plain'");
        assertThat(result.exitCode).isZero();
        assertThat(result.out).isEqualTo("plain\n");
    }

    @Test
    void copiesInAndOutWithBackslashCopy() throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "1,first\n2,second\n3,third\n");
        Result copyIn = psql("sslmode=disable", "-c", "\\copy visits from '" + in + "' csv");
        assertThat(copyIn.exitCode).as(copyIn.err).isZero();
        assertThat(copyIn.out).isEqualTo("COPY 3\n");

        Path out = dir.resolve("out.csv");
        Result copyOut = psql("sslmode=disable", "-c", "\\copy (select * from visits order by id) to '" + out
                + "' csv");
        assertThat(copyOut.exitCode).as(copyOut.err).isZero();
        assertThat(Files.readString(out)).isEqualTo("1,first\n2,second\n3,third\n");
    }

    @Test
    void deniedStatementPrintsTheSluiceErrorAndFails() throws Exception {
        Result result = psql("sslmode=disable", "-v", "ON_ERROR_STOP=1", "-c", "drop table visits");
        assertThat(result.exitCode).isNotZero();
        assertThat(result.err).contains("ERROR:  SLUICE-DENY: DROP is not allowed on clinic (rule no-drop)");
    }

    @Test
    void wrongTokenIsRefused() throws Exception {
        Result result = run(List.of(PSQL, conninfo("sslmode=disable"), "-X", "-A", "-t", "-c", "select 1"),
                "not-a-token");
        assertThat(result.exitCode).isNotZero();
        assertThat(result.err).contains("SLUICE-AUTH: token not recognised");
    }

    private Result psql(String sslmode, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PSQL, conninfo(sslmode), "-X", "-A", "-t"));
        command.addAll(List.of(args));
        return run(command, TestIdentities.ALICE_TOKEN);
    }

    private static String conninfo(String sslmode) {
        return "host=127.0.0.1 port=" + gateway.port() + " dbname=" + GatewayHarness.CONNECTION + " user=alice "
                + sslmode + " gssencmode=disable connect_timeout=10";
    }

    private Result run(List<String> command, String password) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGCLIENTENCODING", "UTF8");
        Path out = dir.resolve("stdout-" + System.nanoTime());
        Path err = dir.resolve("stderr-" + System.nanoTime());
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("psql did not finish within 30 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {
    }
}
