package dev.sluice.postgres.session;

import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.frontend.CancelRequest;
import dev.sluice.postgres.codec.frontend.GssEncRequest;
import dev.sluice.postgres.codec.frontend.SslRequest;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import dev.sluice.postgres.codec.frontend.StartupPhaseMessage;
import dev.sluice.postgres.upstream.UpstreamCanceller;

import java.io.IOException;

/**
 * Start-up, before any authentication: encryption negotiation (SSLRequest → TLS when the listener has a certificate,
 * else 'N'; GSSENCRequest → 'N'), a CancelRequest (forwarded if its key is one this gateway issued, then the
 * connection closes), or the StartupMessage that begins a session.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-START-UP">Start-up</a>
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-CANCELING-REQUESTS">
 *     Canceling Requests in Progress</a>
 */
final class StartupFlow {

    private final ClientChannel client;
    private final SessionEnvironment env;
    private String outcome = "client left before its startup message";

    StartupFlow(ClientChannel client, SessionEnvironment env) {
        this.client = client;
        this.env = env;
    }

    /** @return the StartupMessage, or {@code null} when there is no session to run (see {@link #outcome()}) */
    StartupMessage run() throws IOException {
        boolean sslAnswered = false;
        boolean gssAnswered = false;
        while (true) {
            PgFrame frame = client.readStartup();
            if (frame == null) {
                return null;
            }
            switch (StartupPhaseMessage.decode(frame.body())) {
                case SslRequest ignored -> {
                    if (sslAnswered) {
                        throw PgProtocolException.violation("SSLRequest sent twice");
                    }
                    sslAnswered = true;
                    if (client.hasAnyInput()) {
                        // bytes sent before our answer would be plaintext smuggled into the TLS session
                        throw PgProtocolException.violation("received unencrypted data after SSL request");
                    }
                    client.answerEncryptionRequest(env.tls().isPresent());
                    if (env.tls().isPresent()) {
                        client.startTls(env.tls().get());
                    }
                }
                case GssEncRequest ignored -> {
                    if (gssAnswered || client.isTls()) {
                        throw PgProtocolException.violation("unexpected GSSENCRequest");
                    }
                    gssAnswered = true;
                    client.answerEncryptionRequest(false);
                }
                case CancelRequest cancel -> {
                    cancel(cancel);
                    return null;
                }
                case StartupMessage startup -> {
                    return startup;
                }
            }
        }
    }

    /** What happened when {@link #run()} found no session to run, for the log. */
    String outcome() {
        return outcome;
    }

    /**
     * A key this gateway issued withdraws the statement that session holds for approval, if it holds one, and is
     * otherwise forwarded to that session's upstream; any other key is dropped without a word.
     */
    private void cancel(CancelRequest request) {
        env.cancels().lookup(request).ifPresentOrElse(route -> {
            if (route.held().withdraw("the client cancelled the query")) {
                outcome = "cancel request withdrew the statement held for approval in session " + route.sessionId();
                return;
            }
            outcome = "cancel request forwarded for session " + route.sessionId();
            UpstreamCanceller.cancel(route.target(), route.upstreamKey());
        }, () -> outcome = "cancel request with an unknown key ignored");
    }
}
