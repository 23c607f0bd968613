package dev.sluice.core.session;

import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.identity.Identity;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything the core knows about one client session. Immutable; built once the client is authenticated
 * and the connection chosen.
 *
 * @param id              unique session id (also the audit correlation key)
 * @param protocol        protocol family, e.g. {@code postgresql}
 * @param identity        who is on the other end
 * @param connection      the connection the session is bound to
 * @param clientAddress   remote address as {@code host:port}
 * @param applicationName what the client says it is ({@code application_name}); empty when unsaid
 * @param startedAt       when the session was admitted
 */
public record SessionContext(String id, String protocol, Identity identity, ConnectionSpec connection,
                             String clientAddress, String applicationName, Instant startedAt) {

    public SessionContext {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(startedAt, "startedAt");
        applicationName = applicationName == null ? "" : applicationName;
    }
}
