package dev.sluice.app.config;

import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.session.SessionLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated gateway configuration, as {@link ConfigLoader} produces it from one YAML file. Every path is
 * absolute (relative paths in the file are taken relative to the file's directory) and every secret reference
 * is resolved into a {@link dev.sluice.core.connection.Secret}, which prints as {@code ***}.
 *
 * @param file               the configuration file, absolute
 * @param dataDir            directory for the embedded store and local state ({@code gateway.data_dir})
 * @param shutdownGrace      how long open sessions may finish on shutdown ({@code gateway.shutdown_grace})
 * @param limits             session bounds ({@code gateway.limits})
 * @param admin              the admin port: address, API roles, public URL; empty when disabled (no
 *                           {@code admin.listen})
 * @param listeners          listen ports, in file order ({@code listeners})
 * @param identity           how callers prove who they are ({@code identity})
 * @param connections        the upstream targets clients may use, in file order ({@code connections})
 * @param store              where state lives ({@code store})
 * @param audit              audit settings ({@code audit})
 * @param notifications      where approval notifications go ({@code notifications}); {@link NotificationsConfig#NONE}
 *                           when left out
 * @param policies           the policies (rules and masking) connections are bound to, in file order
 *                           ({@code policies}); a connection's {@code default} policy allows everything unless one is
 *                           defined by that name
 * @param allowInlineSecrets whether literal passwords were allowed in the file ({@code allow_inline_secrets});
 *                           the gateway should warn at startup when true
 */
public record GatewayConfig(Path file, Path dataDir, Duration shutdownGrace, SessionLimits limits,
                            Optional<AdminConfig> admin, List<ListenerConfig> listeners, IdentityConfig identity,
                            List<ConnectionSpec> connections, StoreConfig store, AuditConfig audit,
                            NotificationsConfig notifications, List<PolicyConfig> policies, boolean allowInlineSecrets) {

    public GatewayConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(audit, "audit");
        notifications = notifications == null ? NotificationsConfig.NONE : notifications;
        admin = admin == null ? Optional.empty() : admin;
        listeners = List.copyOf(listeners);
        connections = List.copyOf(connections);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /** The core's listener values, each with the connections it serves: what the protocol modules start from. */
    public List<ListenerSpec> listenerSpecs() {
        return listeners.stream().map(l -> l.toSpec(connections)).toList();
    }

    /** The policy named {@code name}, if the file defines one ({@code default} need not be defined). */
    public Optional<PolicyConfig> policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<ConnectionSpec> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Optional<ListenerConfig> listener(String name) {
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
