package dev.sluice.postgres;

import dev.sluice.core.gateway.ListenerSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed certificates made with the openssl CLI, as an operator would make them. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** A self-signed RSA certificate for localhost with an unencrypted PKCS#8 key. */
    public static ListenerSpec.TlsFiles rsa(Path dir) throws IOException, InterruptedException {
        return make(dir, "rsa", List.of("-newkey", "rsa:2048"));
    }

    /** A self-signed EC (P-256) certificate for localhost with an unencrypted PKCS#8 key. */
    public static ListenerSpec.TlsFiles ec(Path dir) throws IOException, InterruptedException {
        return make(dir, "ec", List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"));
    }

    /** The RSA key of {@code files} rewritten in the traditional PKCS#1 form ({@code BEGIN RSA PRIVATE KEY}). */
    public static Path pkcs1(ListenerSpec.TlsFiles files, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("pkcs1-key.pem");
        openssl(List.of("openssl", "rsa", "-in", files.privateKey().toString(), "-traditional", "-out",
                out.toString()));
        return out;
    }

    private static ListenerSpec.TlsFiles make(Path dir, String name, List<String> keyOptions)
            throws IOException, InterruptedException {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2", "-subj",
                "/CN=localhost", "-keyout", key.toString(), "-out", cert.toString()));
        command.addAll(keyOptions);
        openssl(command);
        return new ListenerSpec.TlsFiles(cert, key);
    }

    private static void openssl(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl failed: " + output);
        }
    }
}
