package dev.sluice.postgres.gateway;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.postgres.TestCertificates;
import dev.sluice.postgres.codec.frontend.SslRequest;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Clients that ask for TLS get it when the listener has a certificate (PEM files, RSA and EC keys); a listener that
 * requires TLS (the fixture's, RSA) refuses the others before they send their token.
 */
class TlsIT {

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.with(
            dir -> GatewayHarness.Setup.defaults().requiringTls(TestCertificates.rsa(dir)));

    @TempDir
    static Path dir;

    /** Offers TLS with an EC key, and serves plaintext clients too. */
    private static GatewayHarness offering;

    @BeforeAll
    static void startOfferingGateway() throws Exception {
        offering = GatewayHarness.start(servers.postgres(),
                GatewayHarness.Setup.defaults().tls(TestCertificates.ec(dir)));
    }

    @AfterAll
    static void stopOfferingGateway() {
        if (offering != null) {
            offering.close();
        }
    }

    @Test
    void pgjdbcRequiringTlsIsServedOverTls() throws Exception {
        for (GatewayHarness gateway : List.of(requiring(), offering)) {
            try (Connection c = gateway.connect("sslmode=require"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 'over tls'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("over tls");
            }
        }
    }

    @Test
    void psqlReportsAnEncryptedConnection() throws Exception {
        Psql.Result result = Psql.to(requiring()).withSslmode("require").run("-c", "\\conninfo");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("SSL connection (protocol: TLSv1.");
    }

    @Test
    void psqlWithoutTlsIsRefusedBeforeItSendsItsToken() throws Exception {
        Psql.Result result = Psql.to(requiring()).withSslmode("disable").run("-c", "select 1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("FATAL:  SLUICE-TLS: SSL/TLS required by this gateway");
        AuditEvent.SessionRefused refused = requiring().audit().await(AuditEvent.SessionRefused.class,
                e -> e.code().equals("tls-required"));
        assertThat(refused.connection()).isEqualTo(GatewayHarness.CONNECTION);
        assertThat(refused.subject()).as("refused before the password prompt: nobody was authenticated").isEmpty();
    }

    @Test
    void pgjdbcWithoutTlsIsRefusedWith28000() {
        assertThatThrownBy(() -> requiring().connect("sslmode=disable").close())
                .isInstanceOf(SQLException.class)
                .satisfies(e -> {
                    assertThat(((SQLException) e).getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("SSL/TLS required by this gateway");
                });
    }

    @Test
    void aListenerThatOnlyOffersTlsStillServesPlaintextClients() throws Exception {
        Psql.Result result = Psql.to(offering).withSslmode("disable").run("-c", "select 'plain'");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("plain\n");
    }

    @Test
    void plaintextSmuggledAfterSslRequestIsRefused() throws Exception {
        try (RawClient client = new RawClient(requiring().port())) {
            byte[] request = SslRequest.INSTANCE.encode();
            byte[] smuggled = StartupMessage.of(Map.of("user", "mallory")).encode();
            byte[] both = new byte[request.length + smuggled.length];
            System.arraycopy(request, 0, both, 0, request.length);
            System.arraycopy(smuggled, 0, both, request.length, smuggled.length);
            client.send(both);
            assertThat(RawClient.error(client.readToEnd().getFirst()).sqlState()).isEqualTo("08P01");
        }
    }

    private static GatewayHarness requiring() {
        return servers.gateway();
    }
}
