package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Target;
import dev.sluice.postgres.codec.ElasticInputStream;
import dev.sluice.postgres.codec.ElasticOutputStream;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.backend.BackendKeyData;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.ErrorResponse;
import dev.sluice.postgres.codec.backend.NoticeResponse;
import dev.sluice.postgres.codec.backend.ParameterStatus;
import dev.sluice.postgres.codec.backend.ReadyForQuery;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Opens the gateway's own session with the real PostgreSQL server, logging in with the vaulted credentials:
 * TCP and TLS per the target, StartupMessage, authentication, then the ParameterStatus/BackendKeyData that precede
 * the first ReadyForQuery.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP">Start-up</a>
 */
public final class UpstreamConnector {

    private static final Logger log = LoggerFactory.getLogger(UpstreamConnector.class);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A server that neither answers nor closes during startup must not pin a session forever. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final Duration connectTimeout;
    private final Duration startupTimeout;

    public UpstreamConnector() {
        this(CONNECT_TIMEOUT, STARTUP_TIMEOUT);
    }

    UpstreamConnector(Duration connectTimeout, Duration startupTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
    }

    /**
     * Connects and logs in.
     *
     * @param startupParameters client parameters to pass on (application_name, client_encoding, DateStyle,
     *                          options…); the caller chooses them. {@code user} and {@code database} always come from
     *                          the credentials and the target, and {@code _pq_.} protocol options are dropped, whatever
     *                          this map holds.
     * @param maxMessageBytes   largest upstream message accepted during startup
     * @throws UpstreamException with the upstream's SQLSTATE when it refuses the login, 08001 when unreachable,
     *                           08P01 when it breaks the protocol
     */
    public UpstreamConnection connect(Target target, Credentials credentials, Map<String, String> startupParameters,
                                      int maxMessageBytes) throws UpstreamException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(startupParameters, "startupParameters");
        Socket socket = UpstreamTransport.open(target, connectTimeout, startupTimeout);
        try {
            socket.setSoTimeout(Math.toIntExact(startupTimeout.toMillis()));
            // the session relays through these same buffers afterwards: one buffer per direction, sized by traffic
            ElasticInputStream in = new ElasticInputStream(socket.getInputStream());
            ElasticOutputStream out = new ElasticOutputStream(socket.getOutputStream());
            out.write(startupMessage(target, credentials, startupParameters).encode());
            out.flush();
            FrameReader frames = new FrameReader(in, maxMessageBytes);
            String method = new UpstreamAuthentication(target, credentials, frames, out).run();
            UpstreamConnection connection = awaitReady(target, credentials, socket, in, out, frames);
            socket.setSoTimeout(0);
            log.debug("upstream {} session open for user {} via {} (server {}, pid {})", target.address(),
                    credentials.username(), method, connection.serverVersion(), connection.backendKey().processId());
            return connection;
        } catch (UpstreamException e) {
            UpstreamTransport.closeQuietly(socket);
            throw e;
        } catch (PgProtocolException e) {
            UpstreamTransport.closeQuietly(socket);
            throw new UpstreamException(e.sqlState(), "upstream " + target.address()
                    + " broke the protocol during startup: " + e.getMessage(), e);
        } catch (SocketTimeoutException e) {
            UpstreamTransport.closeQuietly(socket);
            throw new UpstreamException("08001", "upstream " + target.address() + " did not complete the startup within "
                    + startupTimeout.toSeconds() + " s", e);
        } catch (IOException e) {
            UpstreamTransport.closeQuietly(socket);
            throw new UpstreamException("08006", "connection to upstream " + target.address()
                    + " failed during startup: " + UpstreamTransport.describe(e), e);
        }
    }

    static StartupMessage startupMessage(Target target, Credentials credentials, Map<String, String> client) {
        LinkedHashMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", credentials.username());
        if (!target.database().isEmpty()) {
            parameters.put("database", target.database());
        }
        client.forEach((name, value) -> {
            if (!name.equals("user") && !name.equals("database")
                    && !name.startsWith(StartupMessage.PROTOCOL_OPTION_PREFIX)) {
                parameters.put(name, value);
            }
        });
        return StartupMessage.of(parameters);
    }

    /** After AuthenticationOk: ParameterStatus and BackendKeyData until ReadyForQuery. */
    private static UpstreamConnection awaitReady(Target target, Credentials credentials, Socket socket,
                                                 ElasticInputStream in, ElasticOutputStream out,
                                                 FrameReader frames)
            throws IOException, UpstreamException {
        Map<String, String> parameters = new LinkedHashMap<>();
        BackendKeyData backendKey = null;
        while (true) {
            PgFrame frame = frames.read();
            if (frame == null) {
                throw new UpstreamException("08006", "upstream " + target.address()
                        + " closed the connection before it was ready");
            }
            switch (frame.typeChar()) {
                case ParameterStatus.TYPE -> {
                    ParameterStatus status = ParameterStatus.decode(frame.body());
                    parameters.put(status.name(), status.value());
                }
                case BackendKeyData.TYPE -> backendKey = BackendKeyData.decode(frame.body());
                case ReadyForQuery.TYPE -> {
                    ReadyForQuery ready = ReadyForQuery.decode(frame.body());
                    if (backendKey == null) {
                        throw new UpstreamException("08P01", "upstream " + target.address()
                                + " sent no BackendKeyData, so its queries could not be cancelled");
                    }
                    return new UpstreamConnection(target, socket, in, out, parameters, backendKey, ready.status());
                }
                case ErrorResponse.TYPE -> throw UpstreamErrors.startupRefused(target, credentials,
                        ErrorFields.decode(frame.body()));
                case NoticeResponse.TYPE -> log.debug("upstream {} notice during startup: {}", target.address(),
                        NoticeResponse.decode(frame.body()).fields());
                default -> throw UpstreamErrors.unexpected(target, frame, "startup");
            }
        }
    }
}
