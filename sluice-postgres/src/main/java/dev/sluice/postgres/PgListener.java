package dev.sluice.postgres;

import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.gateway.RunningListener;
import dev.sluice.postgres.session.PgSession;
import dev.sluice.postgres.session.SessionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bound PostgreSQL listener: an accept loop on a virtual thread, and a virtual thread per client session. It keeps
 * the live sessions so that it can stop accepting, let them drain, and close what remains. A failing session never
 * touches another: each ends in its own one log line and its own closed sockets.
 */
final class PgListener implements RunningListener {

    private static final Logger log = LoggerFactory.getLogger(PgListener.class);
    private static final int BACKLOG = 512;
    /** How long {@link #close()} waits for closed sessions' threads to finish their bookkeeping. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Duration ACCEPT_RETRY_PAUSE = Duration.ofMillis(100);

    private final SessionEnvironment env;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<PgSession, Thread> sessions = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sessionEnded = lock.newCondition();
    private volatile boolean closed;

    private PgListener(SessionEnvironment env, ServerSocket server) {
        this.env = env;
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("sluice-pg-accept-" + env.spec().name()).unstarted(this::acceptLoop);
    }

    static PgListener start(SessionEnvironment env) throws IOException {
        ListenerSpec spec = env.spec();
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(spec.host()), spec.port()), BACKLOG);
        } catch (IOException e) {
            server.close();
            throw new IOException("listener " + spec.name() + " cannot bind " + spec.host() + ":" + spec.port()
                    + ": " + e.getMessage(), e);
        }
        PgListener listener = new PgListener(env, server);
        listener.acceptor.start();
        log.info("listener {} accepting PostgreSQL clients on {}:{} (TLS {})", spec.name(), spec.host(),
                server.getLocalPort(), env.tls().isEmpty() ? "not offered"
                        : spec.tlsRequired() ? "required" : "offered");
        if (env.tls().isEmpty() && !server.getInetAddress().isLoopbackAddress()) {
            log.warn("listener {} accepts clients on {}:{} without TLS: they send their token as a cleartext "
                    + "password that anyone on the network path can read and replay; configure tls (cert, key, "
                    + "required: true) for any address beyond the loopback", spec.name(), spec.host(),
                    server.getLocalPort());
        }
        return listener;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("listener {}: accept failed: {}", env.spec().name(), e.getMessage());
                    pauseAfterAcceptFailure();
                }
                continue;
            }
            serve(socket);
        }
    }

    /** Out of file descriptors, accept fails at once, again and again: pause rather than spin and flood the log. */
    private static void pauseAfterAcceptFailure() {
        try {
            Thread.sleep(ACCEPT_RETRY_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket socket) {
        PgSession session;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            session = new PgSession(env, socket);
        } catch (IOException | RuntimeException e) {
            log.warn("listener {}: could not set up a session: {}", env.spec().name(), e.toString());
            closeQuietly(socket);
            return;
        }
        Thread thread = Thread.ofVirtual().name("sluice-pg-session-" + session.id()).unstarted(() -> {
            try {
                session.run();
            } finally {
                sessionDone(session);
            }
        });
        sessions.put(session, thread);
        if (closed) {
            session.shutdown();
        }
        thread.start();
    }

    private void sessionDone(PgSession session) {
        lock.lock();
        try {
            sessions.remove(session);
            sessionEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ListenerSpec spec() {
        return env.spec();
    }

    @Override
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public void stopAccepting() {
        try {
            server.close();
        } catch (IOException e) {
            log.warn("listener {}: closing the server socket failed: {}", env.spec().name(), e.getMessage());
        }
    }

    @Override
    public boolean drain(Duration deadline) throws InterruptedException {
        stopAccepting();
        boolean drained = awaitSessions(deadline);
        if (!drained) {
            log.info("listener {}: {} sessions still open after {}; closing them", env.spec().name(),
                    sessions.size(), deadline);
            shutdownSessions();
            awaitSessions(CLOSE_WAIT);
        }
        return drained;
    }

    @Override
    public void close() {
        closed = true;
        stopAccepting();
        shutdownSessions();
        try {
            awaitSessions(CLOSE_WAIT);
            acceptor.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        env.scheduler().shutdownNow();
        if (!sessions.isEmpty()) {
            log.warn("listener {}: {} session threads still running after close", env.spec().name(),
                    sessions.size());
        }
    }

    private void shutdownSessions() {
        for (PgSession session : List.copyOf(sessions.keySet())) {
            session.shutdown();
        }
    }

    private boolean awaitSessions(Duration deadline) throws InterruptedException {
        long nanos = deadline.toNanos();
        lock.lock();
        try {
            while (!sessions.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = sessionEnded.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // never served
        }
    }
}
