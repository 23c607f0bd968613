package dev.sluice.postgres.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed server certificate made with the JDK's keytool and written as the PEM files PostgreSQL reads
 * ({@code ssl_cert_file}, {@code ssl_key_file}); the certificate file doubles as the CA bundle a verifying client
 * trusts.
 *
 * @param certificatePem certificate, PEM
 * @param privateKeyPem  unencrypted PKCS#8 key, PEM, mode 0600 as PostgreSQL insists
 */
record SelfSignedCertificate(Path certificatePem, Path privateKeyPem) {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    /** Generates a certificate for the given subjectAltName (keytool syntax: {@code dns:localhost}). */
    static SelfSignedCertificate generate(Path directory, String name, String subjectAltName)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path store = directory.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=" + subjectAltName,
                "-validity", "3", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD)))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, STORE_PASSWORD);
        }
        Certificate certificate = keyStore.getCertificate(name);
        Key key = keyStore.getKey(name, STORE_PASSWORD);
        Path certificatePem = directory.resolve(name + ".crt");
        Path privateKeyPem = directory.resolve(name + ".key");
        Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(privateKeyPem, pem("PRIVATE KEY", key.getEncoded()));
        Files.setPosixFilePermissions(privateKeyPem, PosixFilePermissions.fromString("rw-------"));
        return new SelfSignedCertificate(certificatePem, privateKeyPem);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
