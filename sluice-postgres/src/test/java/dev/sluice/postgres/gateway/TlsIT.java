package dev.sluice.postgres.gateway;

import dev.sluice.postgres.TestCertificates;
import dev.sluice.postgres.codec.frontend.SslRequest;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients that ask for TLS get it when the listener has a certificate (PEM files, RSA and EC keys). */
class TlsIT {

    @TempDir
    static Path dir;

    private static EmbeddedPostgres postgres;
    private static GatewayHarness rsaGateway;
    private static GatewayHarness ecGateway;

    @BeforeAll
    static void startServers() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        rsaGateway = GatewayHarness.startWithTls(postgres,
                TestCertificates.rsa(Files.createDirectory(dir.resolve("rsa"))));
        ecGateway = GatewayHarness.startWithTls(postgres,
                TestCertificates.ec(Files.createDirectory(dir.resolve("ec"))));
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {rsaGateway, ecGateway, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void pgjdbcRequiringTlsIsServedOverTls() throws Exception {
        for (GatewayHarness gateway : List.of(rsaGateway, ecGateway)) {
            try (Connection c = gateway.connect("sslmode=require"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 'over tls'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("over tls");
            }
        }
    }

    @Test
    void psqlReportsAnEncryptedConnection() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/psql", "host=127.0.0.1 port=" + rsaGateway.port()
                + " dbname=" + GatewayHarness.CONNECTION + " user=alice sslmode=require gssencmode=disable",
                "-X", "-c", "\\conninfo");
        builder.environment().put("PGPASSWORD", TestIdentities.ALICE_TOKEN);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        assertThat(text).contains("SSL connection (protocol: TLSv1.");
    }

    @Test
    void plaintextSmuggledAfterSslRequestIsRefused() throws Exception {
        try (RawClient client = new RawClient(rsaGateway.port())) {
            byte[] request = SslRequest.INSTANCE.encode();
            byte[] smuggled = StartupMessage.of(Map.of("user", "mallory")).encode();
            byte[] both = new byte[request.length + smuggled.length];
            System.arraycopy(request, 0, both, 0, request.length);
            System.arraycopy(smuggled, 0, both, request.length, smuggled.length);
            client.send(both);
            assertThat(RawClient.error(client.readToEnd().getFirst()).sqlState()).isEqualTo("08P01");
        }
    }
}
