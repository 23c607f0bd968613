package dev.sluice.postgres.session;

import dev.sluice.core.approval.AccessGrant;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.JitAccess;
import dev.sluice.core.gateway.Gate;
import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.identity.AuthenticationException;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.core.session.LiveSessions;
import dev.sluice.core.session.SessionContext;
import dev.sluice.core.session.SessionLimits;
import dev.sluice.core.session.SessionRegistry;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.backend.Authentication;
import dev.sluice.postgres.codec.backend.BackendKeyData;
import dev.sluice.postgres.codec.backend.NegotiateProtocolVersion;
import dev.sluice.postgres.codec.backend.ParameterStatus;
import dev.sluice.postgres.codec.backend.ReadyForQuery;
import dev.sluice.postgres.codec.frontend.FrontendType;
import dev.sluice.postgres.codec.frontend.PasswordMessage;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import dev.sluice.postgres.upstream.UpstreamCanceller;
import dev.sluice.postgres.upstream.UpstreamConnection;
import dev.sluice.postgres.upstream.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client's PostgreSQL session through the gateway, written as the protocol's phases: {@link #startup()},
 * {@link #authenticate}, {@link #authorize}, {@link #judgeStartupParameters}, {@link #connectUpstream},
 * {@link #sendReady}, then {@link #relay()},
 * which hands each client message to {@link #simpleQuery}, {@link #extendedQuery}, {@link #copy},
 * {@link #functionCall} or {@link #terminate}. It runs on one virtual thread; a second one ({@link BackendRelay})
 * carries the upstream's answers back.
 *
 * <p>Every command is judged by the core's {@link Gate} before a byte of it goes upstream. A refused command is
 * replaced by text that fails to parse ({@link PgDecisions#REFUSED_SQL}), and the relay shows the client the refusal
 * in place of that failure: the error lands exactly where PostgreSQL would put it, and, as with any error, PostgreSQL
 * aborts the surrounding transaction (or the implicit one of a pipeline), so work before a refused statement cannot
 * be committed as if the statement had never been there.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html">Message Flow</a>
 */
public final class PgSession {

    public static final String PROTOCOL = "postgresql";

    /** Like PostgreSQL's authentication_timeout: a client must finish its login within this. */
    static final Duration AUTHENTICATION_TIMEOUT = Duration.ofSeconds(60);
    /** Tokens can be long (many groups); far more than a password, far less than a query. */
    static final int PASSWORD_MAX_BYTES = 64 * 1024;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(PgSession.class);

    private final SessionEnvironment env;
    private final GatewayServices services;
    private final SessionLimits limits;
    private final ClientChannel client;
    private final SessionEnd end;
    private final String id = UUID.randomUUID().toString();
    private final InFlight inFlight = new InFlight();

    private String requestedConnection = "";
    private Identity identity;
    private ConnectionSpec connection;
    private SessionContext context;
    private SessionRegistry.Lease lease;
    private UpstreamConnection upstream;
    private OutputStream toUpstream;
    private BackendKeyData clientKey;
    private Thread relayThread;
    /** The session's client-bound filter (masking), made once the session's context is final. */
    private ClientBoundFilter filter;
    private CommandLedger ledger;
    private SimpleQueryFlow simpleQuery;
    private ExtendedQueryFlow extendedQuery;
    private IdleTimer idleTimer;
    /** The access grant the session was admitted under, when the static access list did not admit it. */
    private AccessGrant grant;
    private GrantWatch grantWatch;
    private LiveSessions.Registration live;
    /** What the log line says about a session that never started. */
    private String notStarted = "client left before its startup message";

    public PgSession(SessionEnvironment env, Socket socket) throws IOException {
        this.env = Objects.requireNonNull(env, "env");
        this.services = env.services();
        this.limits = services.sessions().limits();
        this.client = new ClientChannel(socket);
        this.end = new SessionEnd(client);
    }

    public String id() {
        return id;
    }

    /** Runs the session to its end; never throws, always closes both sockets. */
    public void run() {
        try {
            StartupMessage startup = startup();
            if (startup == null) {
                return;
            }
            identity = authenticate(startup);
            if (identity == null) {
                notStarted = "client left at the password prompt";
                return;
            }
            connection = authorize(startup);
            StartupCommands.Allowed settings = judgeStartupParameters(startup);
            connectUpstream(settings);
            sendReady();
            relay();
        } catch (SessionRefusal refusal) {
            refuse(refusal);
        } catch (PgProtocolException e) {
            services.metrics().protocolError(PROTOCOL, protocolErrorKind(e));
            notStarted = "protocol error: " + e.getMessage();
            end.end(EndReason.PROTOCOL_ERROR, e.getMessage(), PgErrors.fatal(e.sqlState(), e.getMessage()), false);
        } catch (IOException e) {
            notStarted = "connection failed: " + describe(e);
            end.end(EndReason.CLIENT_DISCONNECT, describe(e), null, false);
        } catch (RuntimeException e) {
            notStarted = "gateway error: " + e;
            end.end(EndReason.GATEWAY_ERROR, e.toString(), PgErrors.internalError(), false, e);
        } finally {
            finish();
        }
    }

    /** Ends the session from outside (listener shutdown): the client is told, both sockets close. */
    public void shutdown() {
        withdrawHeld("the gateway holding it is shutting down");
        end.end(EndReason.SHUTDOWN, "the gateway is shutting down", PgErrors.shuttingDown(), true);
    }

    /** Ends the session from outside at an administrator's request ({@code sluice sessions kill}). */
    private void kill(String reason) {
        withdrawHeld("the session was ended by an administrator");
        end.end(EndReason.KILLED, "ended by an administrator: " + reason, PgErrors.killed(reason), true);
    }

    /** Ends the session because the access grant it was opened under is over. */
    private void accessEnded(String reason) {
        withdrawHeld("the session's access grant ended");
        end.end(EndReason.ACCESS_ENDED, reason, PgErrors.fatal("57P01", "SLUICE-ACCESS: terminating connection: "
                + reason), true);
    }

    private void withdrawHeld(String reason) {
        CommandLedger l = ledger;
        if (l != null) {
            l.withdrawHeld(reason);
        }
    }

    // ---------------------------------------------------------------------------------------------- start-up

    /** Start-up: encryption negotiation, a CancelRequest, or the StartupMessage; see {@link StartupFlow}. */
    private StartupMessage startup() throws IOException {
        client.readTimeout(AUTHENTICATION_TIMEOUT);
        StartupFlow flow = new StartupFlow(client, env);
        StartupMessage startup = flow.run();
        notStarted = flow.outcome();
        return startup;
    }

    // ---------------------------------------------------------------------------------------- authentication

    /**
     * Authentication: the client's password is its credential (a JWT or an API key), checked by the core's
     * authenticator. The {@code user} startup parameter is only informational; the token says who the client is.
     *
     * @return the identity, or {@code null} when the client hung up at the prompt (psql does, to ask for a password)
     */
    private Identity authenticate(StartupMessage startup) throws IOException, SessionRefusal {
        requestedConnection = startup.database();
        requireTls();
        if (startup.minorVersion() > 0 || !startup.protocolOptions().isEmpty()) {
            client.write(new NegotiateProtocolVersion(0, startup.protocolOptions()).encode());
        }
        client.send(Authentication.CleartextPassword.INSTANCE.encode());
        PgFrame frame = client.read(client.frames(PASSWORD_MAX_BYTES));
        if (frame == null) {
            return null;
        }
        if (frame.typeChar() != PasswordMessage.TYPE) {
            throw PgProtocolException.violation("expected a password message, got message type '"
                    + frame.typeChar() + "'");
        }
        String credential = PasswordMessage.decode(frame.body()).password();
        try {
            return services.authenticator().authenticate(credential);
        } catch (AuthenticationException e) {
            throw new SessionRefusal("28P01", "SLUICE-AUTH: " + e.getMessage(), "bad-credential", e.getMessage());
        }
    }

    /**
     * A listener that requires TLS refuses a plaintext client before it asks for the password, so that the token
     * never crosses the network in the clear (PostgreSQL's {@code hostssl}).
     */
    private void requireTls() throws SessionRefusal {
        if (env.spec().tlsRequired() && !client.isTls()) {
            throw new SessionRefusal("28000", "SLUICE-TLS: SSL/TLS required by this gateway (connect with "
                    + "sslmode=require)", "tls-required", "the client did not negotiate TLS");
        }
    }

    /**
     * Which connection, and may this identity use it now? Checked after authentication, like PostgreSQL checks the
     * database, so that a client without a valid credential learns nothing about which connections exist.
     */
    private ConnectionSpec authorize(StartupMessage startup) throws SessionRefusal {
        String subject = identity.subject();
        ConnectionSpec chosen = env.spec().connection(requestedConnection).orElseThrow(() -> new SessionRefusal("3D000",
                "database \"" + requestedConnection + "\" does not exist on this gateway", "unknown-connection",
                "no connection named \"" + requestedConnection + "\""));
        if (!chosen.access().admits(identity)) {
            grant = activeGrant(chosen).orElseThrow(() -> noAccess(chosen));
        }
        switch (services.sessions().admit(subject)) {
            case SessionRegistry.Admission.Admitted admitted -> lease = admitted.lease();
            case SessionRegistry.Admission.Refused refused -> throw new SessionRefusal("53300", "SLUICE-LIMIT: "
                    + refused.reason(), "limit", refused.reason());
        }
        return chosen;
    }

    /**
     * Just-in-time access: an identity the access list does not name may connect while it holds an approved grant.
     * A store that can't be read admits nobody this way (fail closed).
     */
    private Optional<AccessGrant> activeGrant(ConnectionSpec chosen) throws SessionRefusal {
        if (chosen.access().jit().isEmpty()) {
            return Optional.empty();
        }
        try {
            return services.approvals().activeGrant(identity.subject(), chosen.name(), Instant.now());
        } catch (RuntimeException e) {
            log.warn("access grants cannot be read; refusing {} on {}: {}", identity.subject(), chosen.name(),
                    e.getClass().getSimpleName());
            throw new SessionRefusal("28000", "SLUICE-ACCESS: access grants cannot be checked right now",
                    "no-access", "access grants unavailable");
        }
    }

    private SessionRefusal noAccess(ConnectionSpec chosen) {
        String subject = identity.subject();
        String message = "SLUICE-ACCESS: " + subject + " may not use connection \"" + chosen.name() + "\"";
        if (chosen.access().jit().filter(jit -> jit.mayRequest(identity.groups())).isPresent()) {
            message += "; ask for access with: sluice access request " + chosen.name() + " --for 1h --reason \"…\"";
        }
        return new SessionRefusal("28000", message, "no-access", subject + " is not on the access list and holds "
                + "no access grant");
    }

    /**
     * Startup parameters are commands too: the client's environment (encoding, date style, application name…) goes
     * upstream as sent, and every other parameter setting, {@code options} included, is judged by the gate as the
     * {@code SET} it amounts to ({@link StartupCommands}). The decisions are recorded under this session, before its
     * start: a refused setting refuses the session.
     */
    private StartupCommands.Allowed judgeStartupParameters(StartupMessage startup)
            throws SessionRefusal, IOException {
        StartupParameters.Request request = StartupParameters.read(startup);
        ledger = new CommandLedger(services, new SessionContext(id, PROTOCOL, identity, connection, client.address(),
                request.applicationName(), Instant.now()));
        return StartupCommands.judge(request, ledger, services.sqlAnalyzer());
    }

    /**
     * Opens the gateway's own session upstream with the vaulted credentials, passing on the client's session
     * parameters (see {@link #judgeStartupParameters}). The client hears only that the connection is unavailable
     * and the SQLSTATE; the details (upstream address, user) go to the log and the audit log.
     */
    private void connectUpstream(StartupCommands.Allowed settings) throws SessionRefusal {
        try {
            upstream = env.connector().connect(connection.target(), connection.credentials(),
                    settings.forUpstream(), limits.maxMessageBytes());
            settings.upstreamAccepted(ledger);
        } catch (UpstreamException e) {
            settings.upstreamRefused(ledger, e.sqlState());
            throw new SessionRefusal(e.sqlState(), "SLUICE-UPSTREAM: connection \"" + connection.name()
                    + "\" is unavailable (" + e.sqlState() + ")", "upstream-unavailable", e.getMessage());
        }
        end.upstream(upstream);
        toUpstream = upstream.out();
    }

    /**
     * AuthenticationOk, the upstream's ParameterStatus values, the gateway's own BackendKeyData (see
     * {@link CancelRegistry}) and ReadyForQuery: the client may now send commands.
     */
    private void sendReady() throws IOException {
        clientKey = env.cancels().register(new CancelRegistry.Route(id, connection.target(), upstream.backendKey(),
                ledger::withdrawHeld));
        context = ledger.session();
        filter = env.filters().apply(context);
        ledger.maskWith(filter);
        ledger.holdReviewsWith(client::send);
        live = services.liveSessions().register(context, this::kill);
        if (grant != null && connection.access().jit().map(j -> j.onExpiry() == JitAccess.OnExpiry.END).orElse(false)) {
            grantWatch = GrantWatch.start(services.approvals(), grant, env.scheduler(), Clock.systemUTC(),
                    this::accessEnded);
        }
        StatementTimer statementTimer = new StatementTimer(env.scheduler(), limits.statementTimeout(),
                this::cancelUpstreamCommand, id);
        simpleQuery = new SimpleQueryFlow(toUpstream, inFlight, ledger, services.sqlAnalyzer(), statementTimer);
        extendedQuery = new ExtendedQueryFlow(toUpstream, inFlight, ledger, services.sqlAnalyzer(), statementTimer);
        services.recorder().sessionStarted(context);
        services.metrics().sessionOpened(PROTOCOL);
        client.write(Authentication.Ok.INSTANCE.encode());
        for (var parameter : upstream.parameters().entrySet()) {
            byte[] status = new ParameterStatus(parameter.getKey(), parameter.getValue()).encode();
            filter.filter(Frames.of(status), MaskPlan.NONE); // the filter reads values in the client_encoding/TimeZone
            client.write(status);
        }
        client.write(clientKey.encode());
        client.send(new ReadyForQuery(upstream.initialStatus()).encode());
    }

    // ------------------------------------------------------------------------------------------------ relay

    /**
     * The ready phase: the upstream's answers flow back on the relay thread while this thread reads client messages,
     * decodes the ones the gate must see and forwards the rest as they came. Upstream writes are flushed once the
     * client's next message is not already buffered in full, so a pipelined batch (Parse/Bind/Describe/Execute/Sync)
     * goes upstream in one packet, and nothing waits for bytes still on the network.
     */
    private void relay() throws IOException {
        BackendRelay backend = new BackendRelay(upstream.in(), client, inFlight, end, filter,
                ledger::completed, context.applicationName(),
                name -> services.recorder().applicationNameChanged(id, name), services.metrics());
        relayThread = Thread.ofVirtual().name("sluice-pg-upstream-" + id).start(backend);
        FrameReader frames = client.frames(limits.maxMessageBytes());
        client.readTimeout(Duration.ZERO);
        idleTimer = new IdleTimer(env.scheduler(), limits.idleTimeout(), inFlight, this::idleTimeout);
        idleTimer.start();
        while (true) {
            PgFrame frame = nextMessage(frames);
            if (frame == null) {
                end.end(EndReason.CLIENT_DISCONNECT, "client closed the connection", null, false);
                return;
            }
            FrontendType type = FrontendType.of(frame.type());
            if (inFlight.copyIn() && !allowedDuringCopyIn(type)) {
                throw PgProtocolException.violation("unexpected message type '" + type.code()
                        + "' during COPY FROM STDIN");
            }
            switch (type) {
                case QUERY -> simpleQuery(frame);
                case PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, SYNC, FLUSH -> extendedQuery(type, frame);
                case COPY_DATA, COPY_DONE, COPY_FAIL -> copy(type, frame);
                case FUNCTION_CALL -> functionCall(frame);
                case TERMINATE -> {
                    terminate(frame);
                    return;
                }
            }
            if (!frames.nextFrameBuffered()) {
                toUpstream.flush();
            }
        }
    }

    /** The next client message; it counts as activity for the idle timeout. */
    private PgFrame nextMessage(FrameReader frames) throws IOException {
        PgFrame frame = client.read(frames);
        inFlight.touch();
        return frame;
    }

    private static boolean allowedDuringCopyIn(FrontendType type) {
        return switch (type) {
            case COPY_DATA, COPY_DONE, COPY_FAIL, FLUSH, SYNC, TERMINATE -> true;
            case QUERY, PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, FUNCTION_CALL -> false;
        };
    }

    /** Simple Query; PostgreSQL, skipping to Sync after an error, would ignore it, and so does the gateway then. */
    private void simpleQuery(PgFrame frame) throws IOException {
        if (!extendedQuery.skippingToSync()) {
            simpleQuery.query(frame);
        }
    }

    private void extendedQuery(FrontendType type, PgFrame frame) throws IOException {
        extendedQuery.message(type, frame);
    }

    /**
     * COPY data from the client (COPY FROM STDIN) is relayed as it comes; the COPY statement itself was judged like
     * any other. CopyDone or CopyFail ends the copy.
     *
     * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-COPY">COPY Operations</a>
     */
    private void copy(FrontendType type, PgFrame frame) throws IOException {
        if (type == FrontendType.COPY_DONE || type == FrontendType.COPY_FAIL) {
            inFlight.copyIn(false);
        }
        Frames.write(toUpstream, frame);
    }

    /** Function Call (fastpath): judged and forwarded like a Query, see {@link SimpleQueryFlow#functionCall}. */
    private void functionCall(PgFrame frame) throws IOException {
        if (!extendedQuery.skippingToSync()) {
            simpleQuery.functionCall(frame);
        }
    }

    /**
     * Terminate: the client is done. PostgreSQL answers everything sent before the Terminate, then closes; so when
     * answers are still owed (a pipelining client), the Terminate goes upstream and the relay delivers the rest until
     * the server closes. Otherwise the upstream gets its Terminate as the session closes.
     */
    private void terminate(PgFrame frame) throws IOException {
        end.claim(EndReason.CLIENT_TERMINATE, "client sent Terminate");
        if (!inFlight.isBusy()) {
            return;
        }
        Frames.write(toUpstream, frame);
        toUpstream.flush();
        try {
            relayThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Idle timeout: the client is told (57P05, as PostgreSQL's idle_session_timeout says it) and its socket closed,
     * which wakes this session's thread to close the rest.
     */
    private void idleTimeout() {
        end.end(EndReason.IDLE_TIMEOUT, "no client activity for " + PgErrors.describe(limits.idleTimeout()),
                PgErrors.idleTimeout(limits.idleTimeout()), false);
    }

    /** Statement timeout: cancel upstream on a fresh virtual thread (the canceller blocks on the network). */
    private void cancelUpstreamCommand() {
        UpstreamConnection u = upstream;
        Thread.ofVirtual().name("sluice-pg-cancel-" + id)
                .start(() -> UpstreamCanceller.cancel(u.target(), u.backendKey()));
    }

    // ------------------------------------------------------------------------------------------------- end

    /** Refused before the session began: the client gets a FATAL error, the audit log a refusal. */
    private void refuse(SessionRefusal refusal) {
        notStarted = "refused (" + refusal.code() + "): " + refusal.reason();
        services.recorder().sessionRefused(id, PROTOCOL, requestedConnection,
                identity == null ? "" : identity.subject(), client.address(), refusal.code(), refusal.reason());
        services.metrics().sessionRefused(PROTOCOL, refusal.code());
        client.sendLastWords(PgErrors.fatal(refusal.sqlState(), refusal.getMessage()));
    }

    /**
     * Closes both sides, waits for the relay thread, records what is still in flight as interrupted, forgets the
     * cancel key, releases the session slot and writes the session's one log line.
     */
    private void finish() {
        if (idleTimer != null) {
            idleTimer.stop();
        }
        if (grantWatch != null) {
            grantWatch.stop();
        }
        if (live != null) {
            live.close();
        }
        client.close();
        if (upstream != null) {
            closeUpstream();
        }
        if (relayThread != null) {
            try {
                if (!relayThread.join(CLOSE_GRACE)) {
                    log.warn("session {}: upstream relay thread did not stop within {}", id, CLOSE_GRACE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (CommandRun run : inFlight.abandon()) {
            run.failed("08006");
            ledger.completed(run);
        }
        if (clientKey != null) {
            env.cancels().remove(clientKey);
        }
        if (context != null) {
            SessionEnd.Ending ending = endingOrDisconnect();
            services.recorder().sessionEnded(id, ending.reason().auditName(), ledger.commands(), client.bytesIn(),
                    client.bytesOut());
            services.metrics().sessionClosed(PROTOCOL);
            services.metrics().bytes(PROTOCOL, client.bytesIn(), client.bytesOut());
        }
        if (lease != null) {
            lease.close();
        }
        logOutcome();
    }

    /**
     * Terminate and close, politely; a guard closes the socket outright if the upstream does not take even those
     * five bytes (a server blocked writing a result nobody reads any more).
     */
    private void closeUpstream() {
        ScheduledFuture<?> guard = null;
        try {
            guard = env.scheduler().schedule(() -> closeQuietly(upstream.socket()), CLOSE_GRACE.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            closeQuietly(upstream.socket()); // the listener is closing: no time for courtesy
        }
        upstream.close();
        if (guard != null) {
            guard.cancel(false);
        }
    }

    private SessionEnd.Ending endingOrDisconnect() {
        SessionEnd.Ending ending = end.ending();
        return ending != null ? ending
                : new SessionEnd.Ending(EndReason.CLIENT_DISCONNECT, "connection closed", null);
    }

    private void logOutcome() {
        if (context == null) {
            if (notStarted.startsWith("gateway error")) {
                SessionEnd.Ending ending = end.ending();
                log.error("session {} from {}: {}", id, client.address(), notStarted,
                        ending == null ? null : ending.cause());
            } else {
                log.info("session {} from {}: {}", id, client.address(), notStarted);
            }
            return;
        }
        SessionEnd.Ending ending = endingOrDisconnect();
        if (ending.cause() != null) {
            log.error("session {} ({} on {}) ended ({}) after {} commands: {}", id, identity.subject(),
                    connection.name(), ending.reason().auditName(), ledger.commands(), ending.detail(), ending.cause());
        } else {
            log.info("session {} ({} on {}) ended ({}) after {} commands: {}", id, identity.subject(),
                    connection.name(), ending.reason().auditName(), ledger.commands(), ending.detail());
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // abandoning it
        }
    }

    private static String protocolErrorKind(PgProtocolException e) {
        if ("54000".equals(e.sqlState())) {
            return "oversized";
        }
        return e.getMessage() != null && e.getMessage().startsWith("unexpected message type")
                ? "unexpected-message" : "malformed";
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

}
