package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.postgres.codec.frontend.SslRequest;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Opens the byte stream to an upstream server: TCP, then (unless the target says {@code disable}) an SSLRequest and
 * the TLS handshake. Shared by the connector and the canceller, which must reach the server the same way.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SSL">SSL Session Encryption</a>
 */
final class UpstreamTransport {

    private static final int SSL_ACCEPTED = 'S';
    private static final int SSL_REFUSED = 'N';

    private UpstreamTransport() {
    }

    /**
     * @return a connected socket, TLS-wrapped as the target requires, with TCP_NODELAY set
     * @throws UpstreamException {@code 08001} if the server can't be reached, refuses TLS or fails the handshake
     */
    static Socket open(Target target, Duration connectTimeout, Duration handshakeTimeout) throws UpstreamException {
        Socket plain = connectTcp(target, connectTimeout);
        if (target.tls() == TlsMode.DISABLE) {
            return plain;
        }
        try {
            plain.setSoTimeout(Math.toIntExact(handshakeTimeout.toMillis()));
            requestTls(plain, target);
            SSLSocket tls = (SSLSocket) UpstreamTlsContexts.forTarget(target).getSocketFactory()
                    .createSocket(plain, target.host(), target.port(), true);
            SSLParameters parameters = tls.getSSLParameters();
            if (target.tls() == TlsMode.VERIFY_FULL) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (UpstreamException e) {
            closeQuietly(plain);
            throw e;
        } catch (SSLException e) {
            closeQuietly(plain);
            throw new UpstreamException("08001",
                    "TLS handshake with upstream " + target.address() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(plain);
            throw new UpstreamException("08001",
                    "upstream " + target.address() + " failed during TLS negotiation: " + describe(e), e);
        }
    }

    private static Socket connectTcp(Target target, Duration connectTimeout) throws UpstreamException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()),
                    Math.toIntExact(connectTimeout.toMillis()));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UpstreamException("08001",
                    "upstream " + target.address() + " is unreachable: " + describe(e), e);
        }
    }

    /**
     * Sends SSLRequest and reads the one-byte answer straight from the socket. Nothing may follow the {@code 'S'}
     * before the handshake: bytes already waiting would be plaintext injected by someone on the path
     * (CVE-2021-23222), so they fail the connection.
     */
    private static void requestTls(Socket plain, Target target) throws IOException, UpstreamException {
        OutputStream out = plain.getOutputStream();
        out.write(SslRequest.INSTANCE.encode());
        out.flush();
        InputStream in = plain.getInputStream();
        int answer = in.read();
        if (answer == SSL_REFUSED) {
            throw new UpstreamException("08001", "upstream " + target.address() + " refused TLS (tls: "
                    + target.tls().configName() + ")");
        }
        if (answer != SSL_ACCEPTED) {
            throw new UpstreamException("08P01", "upstream " + target.address()
                    + " sent an invalid answer to SSLRequest (" + (answer < 0 ? "end of stream" : "0x"
                    + Integer.toHexString(answer)) + ")");
        }
        if (in.available() > 0) {
            throw new UpstreamException("08P01", "upstream " + target.address()
                    + " sent unencrypted data after accepting TLS");
        }
    }

    /** A short, secret-free description of an I/O failure ("Connection refused", "unknown host db.example"). */
    static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket we are abandoning; nothing more to do
        }
    }
}
