package dev.sluice.postgres;

import dev.sluice.core.gateway.ListenerSpec;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the TLS context a listener offers clients from the PEM files operators already have (what
 * {@code ssl_cert_file}/{@code ssl_key_file} hold for PostgreSQL): a certificate chain, leaf first, and an
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}) for RSA, EC or EdDSA. JDK only.
 *
 * <p>Errors name the file and what is wrong with it, never key material.
 */
public final class PemTls {

    private static final Pattern CERTIFICATE = pem("CERTIFICATE");
    private static final Pattern PKCS8_KEY = pem("PRIVATE KEY");
    private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
    private static final char[] IN_MEMORY_PASSWORD = "sluice".toCharArray();

    private PemTls() {
    }

    /** @throws IOException naming the file when a file is missing, unreadable or not the expected PEM */
    public static SSLContext serverContext(ListenerSpec.TlsFiles files) throws IOException {
        Certificate[] chain = certificates(files.certificateChain());
        PrivateKey key = privateKey(files.privateKey());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, IN_MEMORY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS certificate " + files.certificateChain() + " and key " + files.privateKey()
                    + " do not make a usable TLS context: " + e.getMessage(), e);
        }
    }

    static Certificate[] certificates(Path file) throws IOException {
        String text = read(file);
        Matcher m = CERTIFICATE.matcher(text);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IOException("X.509 certificates are not supported by this JVM", e);
        }
        java.util.ArrayList<Certificate> chain = new java.util.ArrayList<>();
        while (m.find()) {
            try {
                chain.add(factory.generateCertificate(new ByteArrayInputStream(base64(m.group(1), file))));
            } catch (GeneralSecurityException e) {
                throw new IOException(file + ": certificate " + (chain.size() + 1) + " is not a valid X.509 "
                        + "certificate: " + e.getMessage(), e);
            }
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }
        return chain.toArray(Certificate[]::new);
    }

    static PrivateKey privateKey(Path file) throws IOException {
        String text = read(file);
        Matcher m = PKCS8_KEY.matcher(text);
        if (!m.find()) {
            Matcher other = OTHER_KEY.matcher(text);
            if (other.find()) {
                throw new IOException(file + ": " + other.group(1) + " is not supported; convert it to unencrypted "
                        + "PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
            }
            throw new IOException(file + ": no PEM private key (-----BEGIN PRIVATE KEY-----) found");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(base64(m.group(1), file));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IOException(file + ": the private key is not an RSA, EC or EdDSA PKCS#8 key");
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("cannot read TLS file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] base64(String body, Path file) throws IOException {
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": PEM block is not valid base64", e);
        }
    }

    private static Pattern pem(String label) {
        return Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]+)-----END " + label + "-----");
    }
}
