package dev.sluice.core.gateway;

import java.io.IOException;

/**
 * A protocol the gateway speaks. The app lists modules explicitly in one registry; a new protocol is one
 * implementation of this and one row there.
 */
public interface ProtocolModule {

    /** Protocol family name used in configuration, e.g. {@code postgresql}. */
    String protocol();

    /** Binds the listener and starts accepting clients on virtual threads. */
    RunningListener start(ListenerSpec spec, GatewayServices services) throws IOException;
}
