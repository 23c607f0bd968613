package dev.sluice.postgres.upstream;

import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Secret;
import dev.sluice.core.connection.Target;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.Authentication;
import dev.sluice.postgres.codec.backend.ErrorFields;
import dev.sluice.postgres.codec.backend.ErrorResponse;
import dev.sluice.postgres.codec.backend.NegotiateProtocolVersion;
import dev.sluice.postgres.codec.backend.NoticeResponse;
import dev.sluice.postgres.codec.frontend.PasswordMessage;
import dev.sluice.postgres.codec.frontend.SaslInitialResponse;
import dev.sluice.postgres.codec.frontend.SaslResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Answers the upstream's authentication requests with the vaulted credentials until AuthenticationOk: trust,
 * cleartext password, MD5 and SCRAM-SHA-256.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP">Start-up</a>
 */
final class UpstreamAuthentication {

    private static final Logger log = LoggerFactory.getLogger(UpstreamAuthentication.class);

    private final Target target;
    private final Credentials credentials;
    private final FrameReader frames;
    private final OutputStream out;
    private ScramSha256Client scram;
    private String method = "trust";

    UpstreamAuthentication(Target target, Credentials credentials, FrameReader frames, OutputStream out) {
        this.target = target;
        this.credentials = credentials;
        this.frames = frames;
        this.out = out;
    }

    /**
     * Runs the exchange.
     *
     * @return the method used ({@code trust}, {@code password}, {@code md5}, {@code scram-sha-256}), for logs
     */
    String run() throws IOException, UpstreamException {
        while (true) {
            PgFrame frame = frames.read();
            if (frame == null) {
                throw new UpstreamException("08006", "upstream " + target.address()
                        + " closed the connection during authentication");
            }
            switch (frame.typeChar()) {
                case Authentication.TYPE -> {
                    if (answer(Authentication.decode(frame.body()))) {
                        return method;
                    }
                }
                case ErrorResponse.TYPE -> throw UpstreamErrors.startupRefused(target, credentials,
                        ErrorFields.decode(frame.body()));
                case NoticeResponse.TYPE -> log.debug("upstream {} notice during authentication: {}",
                        target.address(), NoticeResponse.decode(frame.body()).fields());
                case NegotiateProtocolVersion.TYPE -> log.debug("upstream {} negotiated protocol 3.{}",
                        target.address(), NegotiateProtocolVersion.decode(frame.body()).newestMinor());
                default -> throw UpstreamErrors.unexpected(target, frame, "authentication");
            }
        }
    }

    /** @return true once authentication is complete */
    private boolean answer(Authentication request) throws IOException, UpstreamException {
        switch (request) {
            case Authentication.Ok ok -> {
                if (scram != null && !scram.verified()) {
                    throw new UpstreamException("28000", "upstream " + target.address()
                            + " ended SCRAM authentication without proving it knows the password");
                }
                return true;
            }
            case Authentication.CleartextPassword cleartext -> {
                method = "password";
                send(new PasswordMessage(password("password")).encode());
            }
            case Authentication.Md5Password md5 -> {
                method = "md5";
                send(new PasswordMessage(Md5PasswordHash.answer(credentials.username(), password("md5"),
                        md5.salt())).encode());
            }
            case Authentication.Sasl sasl -> {
                if (!sasl.mechanisms().contains(ScramSha256Client.MECHANISM)) {
                    throw new UpstreamException("28000", "upstream " + target.address() + " offers SASL mechanisms "
                            + sasl.mechanisms() + " but not " + ScramSha256Client.MECHANISM);
                }
                if (scram != null) {
                    throw new UpstreamException("08P01", "upstream " + target.address() + " restarted SASL");
                }
                method = "scram-sha-256";
                scram = new ScramSha256Client(password("scram-sha-256"));
                send(new SaslInitialResponse(ScramSha256Client.MECHANISM, scram.clientFirstMessage()).encode());
            }
            case Authentication.SaslContinue challenge -> {
                requireScram("SASLContinue");
                send(new SaslResponse(scram.clientFinalMessage(challenge.data())).encode());
            }
            case Authentication.SaslFinal outcome -> {
                requireScram("SASLFinal");
                scram.verifyServerFinal(outcome.data());
            }
        }
        return false;
    }

    private void requireScram(String message) throws UpstreamException {
        if (scram == null) {
            throw new UpstreamException("08P01", "upstream " + target.address() + " sent " + message
                    + " without starting SASL");
        }
    }

    private String password(String requestedMethod) throws UpstreamException {
        return credentials.password().filter(secret -> !secret.isEmpty()).map(Secret::reveal)
                .orElseThrow(() -> new UpstreamException("28000", "upstream " + target.address() + " asks for "
                        + requestedMethod + " authentication of user \"" + credentials.username()
                        + "\" but the connection has no password configured"));
    }

    private void send(byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }
}
