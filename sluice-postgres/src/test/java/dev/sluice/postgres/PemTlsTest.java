package dev.sluice.postgres;

import dev.sluice.core.gateway.ListenerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTlsTest {

    @TempDir
    Path dir;

    @Test
    void rsaCertificateAndPkcs8KeyMakeAServerContext() throws Exception {
        SSLContext context = PemTls.serverContext(TestCertificates.rsa(dir));
        assertThat(context.getProtocol()).isEqualTo("TLS");
        assertThat(context.createSSLEngine().getSupportedCipherSuites()).isNotEmpty();
    }

    @Test
    void ecCertificateAndPkcs8KeyMakeAServerContext() throws Exception {
        ListenerSpec.TlsFiles files = TestCertificates.ec(dir);
        assertThat(PemTls.privateKey(files.privateKey()).getAlgorithm()).isEqualTo("EC");
        assertThat(PemTls.serverContext(files)).isNotNull();
    }

    @Test
    void certificateChainKeepsEveryCertificateInOrder() throws Exception {
        ListenerSpec.TlsFiles first = TestCertificates.rsa(dir.resolve(Files.createDirectory(dir.resolve("a"))));
        ListenerSpec.TlsFiles second = TestCertificates.ec(dir.resolve(Files.createDirectory(dir.resolve("b"))));
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(first.certificateChain()) + "\n"
                + Files.readString(second.certificateChain()));
        assertThat(PemTls.certificates(chain)).hasSize(2);
    }

    @Test
    void traditionalRsaKeyIsRefusedWithTheConversionCommand() throws Exception {
        ListenerSpec.TlsFiles files = TestCertificates.rsa(dir);
        Path pkcs1 = TestCertificates.pkcs1(files, dir);
        assertThatThrownBy(() -> PemTls.serverContext(new ListenerSpec.TlsFiles(files.certificateChain(), pkcs1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(pkcs1.toString())
                .hasMessageContaining("RSA PRIVATE KEY is not supported")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nowhere.pem");
        assertThatThrownBy(() -> PemTls.serverContext(new ListenerSpec.TlsFiles(missing, missing)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void fileWithoutACertificateIsNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> PemTls.certificates(empty))
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("no PEM certificate");
    }

    @Test
    void keyErrorsNeverQuoteKeyMaterial() throws Exception {
        Path garbled = Files.writeString(dir.resolve("garbled.pem"),
                "-----BEGIN PRIVATE KEY-----\nTUlJQ1NFQ1JFVA==\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemTls.privateKey(garbled))
                .hasMessageContaining(garbled.toString())
                .hasMessageNotContaining("TUlJQ1NFQ1JFVA");
    }
}
