package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Target;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * The TLS contexts the gateway uses upstream, one per {@link dev.sluice.core.connection.TlsMode}.
 *
 * <p>{@code require} trusts any certificate: like libpq's {@code sslmode=require} it encrypts the link against
 * passive sniffing but does not prove who is at the other end. {@code verify-full} checks the chain against the
 * target's CA bundle (the JDK trust store when none is configured); the caller turns on host-name checking.
 */
final class UpstreamTlsContexts {

    private UpstreamTlsContexts() {
    }

    static SSLContext forTarget(Target target) throws UpstreamException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust = switch (target.tls()) {
                case DISABLE -> throw new IllegalStateException("no TLS context for tls: disable");
                case REQUIRE -> new TrustManager[] {EncryptionOnlyTrustManager.INSTANCE};
                case VERIFY_FULL -> verifyingTrustManagers(target);
            };
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new UpstreamException("08001", "cannot set up TLS for upstream " + target.address() + ": "
                    + e.getMessage(), e);
        }
    }

    private static TrustManager[] verifyingTrustManagers(Target target)
            throws GeneralSecurityException, UpstreamException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (target.caFile().isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            factory.init(loadBundle(target.caFile().get()));
        }
        return factory.getTrustManagers();
    }

    private static KeyStore loadBundle(Path caFile) throws GeneralSecurityException, UpstreamException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(caFile)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new UpstreamException("08001", "cannot read upstream CA bundle " + caFile + ": " + e, e);
        }
        if (certificates.isEmpty()) {
            throw new UpstreamException("08001", "upstream CA bundle " + caFile + " holds no certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int index = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        return store;
    }

    /** Accepts every certificate: {@code tls: require} means encryption only, as documented above. */
    private static final class EncryptionOnlyTrustManager extends X509ExtendedTrustManager {
        static final EncryptionOnlyTrustManager INSTANCE = new EncryptionOnlyTrustManager();

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("the gateway does not accept client certificates here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("the gateway does not accept client certificates here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("the gateway does not accept client certificates here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
