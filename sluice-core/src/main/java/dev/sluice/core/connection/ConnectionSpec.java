package dev.sluice.core.connection;

import java.util.Objects;

/**
 * A named target the gateway fronts: what it is, where it is, the vaulted credentials and who may use it.
 *
 * @param name        the name clients ask for (PostgreSQL: the startup {@code database} parameter)
 * @param type        protocol family, e.g. {@code postgresql}
 * @param listener    name of the listener that serves it
 * @param target      the real server
 * @param credentials what the gateway logs in upstream with
 * @param access      who may open a session
 * @param policy      name of the policy bound to it
 */
public record ConnectionSpec(String name, String type, String listener, Target target, Credentials credentials,
                             AccessList access, String policy) {

    public ConnectionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(access, "access");
        policy = policy == null ? "default" : policy;
    }
}
