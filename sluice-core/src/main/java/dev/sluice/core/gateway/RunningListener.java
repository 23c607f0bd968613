package dev.sluice.core.gateway;

import java.time.Duration;

/** A bound, accepting listener. */
public interface RunningListener extends AutoCloseable {

    ListenerSpec spec();

    /** The port actually bound (differs from the spec when it asked for 0). */
    int port();

    /** Stops accepting new clients; open sessions continue. */
    void stopAccepting();

    /**
     * Waits for open sessions to finish, then closes what remains.
     *
     * @return true when every session ended on its own before the deadline
     */
    boolean drain(Duration deadline) throws InterruptedException;

    /** Closes the listener and every session at once. */
    @Override
    void close();
}
