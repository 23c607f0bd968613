package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.AuditEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real psql (libpq) through the gateway: the token goes in PGPASSWORD, the connection in dbname. */
class PsqlIT {

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.standard();

    @TempDir
    Path dir;

    @BeforeAll
    static void createTables() throws Exception {
        servers.executeDirectly("create table visits (id int, note text)");
    }

    @Test
    void selectsOneRow() throws Exception {
        Psql.Result result = psql().run("-c", "select 1");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("1\n");
    }

    @Test
    void runsAMultiStatementCommandAsOneQuery() throws Exception {
        Psql.Result result = psql().run("-c", "select 1; select 'two'; select 3");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("1\ntwo\n3\n");
    }

    @Test
    void fallsBackToPlaintextWhenTlsIsPreferredButNotOffered() throws Exception {
        Psql.Result result = psql().withSslmode("prefer").run("-c", "select 'plain'");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("plain\n");
    }

    @Test
    void copiesInAndOutWithBackslashCopy() throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "1,first\n2,second\n3,third\n");
        Psql.Result copyIn = psql().run("-c", "\\copy visits from '" + in + "' csv");
        assertThat(copyIn.exitCode()).as(copyIn.err()).isZero();
        assertThat(copyIn.out()).isEqualTo("COPY 3\n");

        Path out = dir.resolve("out.csv");
        Psql.Result copyOut = psql().run("-c", "\\copy (select * from visits order by id) to '" + out + "' csv");
        assertThat(copyOut.exitCode()).as(copyOut.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo("1,first\n2,second\n3,third\n");
    }

    @Test
    void largeObjectsTravelThroughFastpathAndEachCallIsAudited() throws Exception {
        Path original = dir.resolve("scan.bin");
        byte[] content = new byte[200_000];
        new java.util.Random(7).nextBytes(content);
        Files.write(original, content);
        Path exported = dir.resolve("exported.bin");

        Psql.Result imported = psql().run("-c", "\\lo_import '" + original + "'");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("lo_import ");
        String oid = imported.out().strip().substring("lo_import ".length());
        Psql.Result export = psql().run("-c", "\\lo_export " + oid + " '" + exported + "'");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readAllBytes(exported)).isEqualTo(content);

        List<AuditEvent.CommandDecided> calls = gateway().audit().events(AuditEvent.CommandDecided.class).stream()
                .filter(e -> e.kinds().equals(List.of("FUNCTION_CALL"))).toList();
        assertThat(calls).as("lo_creat/lo_open/lowrite/loread/lo_close calls").hasSizeGreaterThan(4)
                .allSatisfy(e -> {
                    assertThat(e.outcome()).isEqualTo("allow");
                    assertThat(e.text()).matches("fastpath call of function oid \\d+ \\(\\d arguments?\\)");
                    assertThat(e.tables()).isEmpty();
                });
        for (AuditEvent.CommandDecided call : calls) {
            AuditEvent.CommandCompleted completed = gateway().audit().await(AuditEvent.CommandCompleted.class,
                    e -> e.commandId().equals(call.commandId()));
            assertThat(completed.errorCode()).isEmpty();
            assertThat(completed.rows()).isEqualTo(1);
        }
    }

    @Test
    void deniedStatementPrintsTheSluiceErrorAndFails() throws Exception {
        Psql.Result result = psql().run("-v", "ON_ERROR_STOP=1", "-c", "drop table visits");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("ERROR:  SLUICE-DENY: DROP is not allowed on clinic (rule no-drop)");
    }

    @Test
    void wrongTokenIsRefused() throws Exception {
        Psql.Result result = psql().withPassword("not-a-token").run("-c", "select 1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("SLUICE-AUTH: token not recognised");
    }

    private static Psql psql() {
        return Psql.to(gateway());
    }

    private static GatewayHarness gateway() {
        return servers.gateway();
    }
}
