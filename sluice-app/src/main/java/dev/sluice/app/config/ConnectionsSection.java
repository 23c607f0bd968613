package dev.sluice.app.config;

import dev.sluice.core.connection.AccessList;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.JitAccess;
import dev.sluice.core.connection.Secret;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code connections:} and checks each one against the listeners: the listener must exist and speak the
 * connection's type.
 */
final class ConnectionsSection {

    static final List<String> KEYS = List.of("name", "type", "listener", "target", "credentials", "access", "policy");
    static final List<String> TARGET_KEYS = List.of("host", "port", "database", "tls", "ca_file");
    static final List<String> CREDENTIAL_KEYS = List.of("username", "password");
    static final List<String> ACCESS_KEYS = List.of("groups", "users", "jit");
    static final List<String> JIT_KEYS = List.of("requesters", "approvers", "min_approvals", "max_window",
            "on_expiry");
    static final List<String> ON_EXPIRY = List.of("end", "continue");
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    static final List<String> TLS_MODES = List.of("disable", "require", "verify-full");
    static final Map<String, Integer> DEFAULT_PORTS = Map.of("postgresql", 5432, "mysql", 3306);

    private ConnectionsSection() {
    }

    /**
     * The connections that parsed completely; problems for the others are in the context.
     *
     * @param policies the names {@code policy} may take: {@code default} and every policy the file defines
     */
    static List<ConnectionSpec> read(MappingReader root, ReadContext context, ListenersSection.Result listeners,
                                     Set<String> policies) {
        Problems problems = context.problems();
        Optional<List<YamlNode>> items = root.list("connections");
        if (items.isPresent() && items.get().isEmpty()) {
            problems.add(root.node("connections").map(YamlNode::location).orElse(root.location()), "connections",
                    "at least one connection is required");
        }
        UniqueNames names = new UniqueNames("connection name", problems);
        List<ConnectionSpec> connections = new ArrayList<>();
        List<YamlNode> list = items.orElse(List.of());
        for (int i = 0; i < list.size(); i++) {
            MappingReader.of(list.get(i), "connections[" + i + "]", problems, KEYS)
                    .flatMap(connection -> connection(connection, context, listeners, names, policies))
                    .ifPresent(connections::add);
        }
        return List.copyOf(connections);
    }

    private static Optional<ConnectionSpec> connection(MappingReader connection, ReadContext context,
                                                       ListenersSection.Result listeners, UniqueNames names,
                                                       Set<String> policies) {
        Optional<String> name = connection.required("name",
                Values.matching(NAME, "use letters, digits, '_' and '-' (clients send it as the database name)"));
        Optional<String> type = connection.required("type", Values.oneOf("connection type", context.protocols()));
        Optional<String> listener = connection.required("listener", Values.string());
        boolean listenerMatches = listener.isPresent() && checkListener(connection, listener.get(), type, listeners);
        Optional<Target> target = connection.requiredSection("target", TARGET_KEYS)
                .flatMap(t -> target(t, type, context));
        Optional<Credentials> credentials = connection.requiredSection("credentials", CREDENTIAL_KEYS)
                .flatMap(c -> credentials(c, context));
        Optional<AccessList> access = access(connection);
        Optional<String> policy = connection.orDefault("policy", Values.oneOf("policy", List.copyOf(policies)),
                PoliciesSection.DEFAULT_POLICY);
        boolean unique = name.isPresent()
                && names.claim(name.get(), connection.node("name").orElseThrow(), connection.path("name"));
        if (!unique || type.isEmpty() || !listenerMatches || target.isEmpty() || credentials.isEmpty()
                || access.isEmpty() || policy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectionSpec(name.get(), type.get(), listener.get(), target.get(), credentials.get(),
                access.get(), policy.get()));
    }

    private static boolean checkListener(MappingReader connection, String listener, Optional<String> type,
                                         ListenersSection.Result listeners) {
        YamlNode at = connection.node("listener").orElseThrow();
        if (!listeners.protocols().containsKey(listener)) {
            String known = listeners.protocols().isEmpty() ? "none is defined"
                    : "defined: " + String.join(", ", listeners.protocols().keySet());
            connection.problems().add(at, connection.path("listener"), "unknown listener '" + listener + "' (" + known + ")");
            return false;
        }
        Optional<String> protocol = listeners.protocols().get(listener);
        if (type.isPresent() && protocol.isPresent() && !type.get().equals(protocol.get())) {
            connection.problems().add(connection.node("type").orElseThrow(), connection.path("type"),
                    "type '" + type.get() + "' does not match listener '" + listener + "', which speaks " + protocol.get());
            return false;
        }
        return protocol.isPresent();
    }

    private static Optional<Target> target(MappingReader target, Optional<String> type, ReadContext context) {
        Optional<String> host = target.required("host", hostName());
        Optional<Integer> defaultPort = type.map(DEFAULT_PORTS::get);
        Optional<Integer> port = defaultPort.isPresent()
                ? target.orDefault("port", Values.integer(1, 65535), defaultPort.get())
                : type.isPresent()
                ? target.required("port", Values.integer(1, 65535))
                : target.optional("port", Values.integer(1, 65535)); // unknown type is reported already
        Optional<String> database = target.required("database", Values.string());
        Optional<TlsMode> tls = target.required("tls", Values.oneOf("TLS mode", TLS_MODES).then(TlsMode::parse));
        Optional<Optional<Path>> caFile = Optional.of(Optional.empty());
        if (target.has("ca_file")) {
            caFile = target.optional("ca_file", Values.readableFile(context.baseDir())).map(Optional::of);
            if (tls.isPresent() && tls.get() != TlsMode.VERIFY_FULL) {
                context.problems().add(target.node("ca_file").orElseThrow(), target.path("ca_file"),
                        "only used with tls: verify-full (tls is " + tls.get().configName() + ")");
                caFile = Optional.empty();
            }
        }
        if (host.isEmpty() || port.isEmpty() || database.isEmpty() || tls.isEmpty() || caFile.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(host.get(), port.get(), database.get(), tls.get(), caFile.get()));
    }

    private static ValueParser<String> hostName() {
        return Values.string().then(host -> {
            if (host.contains("://")) {
                throw new InvalidValue("'" + host + "' is a URL: write only the host name or address");
            }
            if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
                throw new InvalidValue("'" + host + "' is not a host name or address");
            }
            if (host.indexOf(':') == host.lastIndexOf(':') && host.matches(".*:[0-9]+")) {
                throw new InvalidValue("'" + host + "' includes a port: put the port under 'port'");
            }
            return host;
        });
    }

    private static Optional<Credentials> credentials(MappingReader credentials, ReadContext context) {
        Optional<String> username = credentials.required("username", Values.string());
        Optional<Optional<Secret>> password = credentials.has("password")
                ? credentials.optional("password", Secrets.password(context)).map(Optional::of)
                : Optional.of(Optional.empty());
        if (username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(username.get(), password.get()));
    }

    private static Optional<AccessList> access(MappingReader connection) {
        if (!connection.has("access")) {
            connection.problems().add(connection.node("access").map(YamlNode::location).orElse(connection.location()),
                    connection.path("access"), "is required: without it nobody could use this connection");
            return Optional.empty();
        }
        Optional<MappingReader> section = connection.requiredSection("access", ACCESS_KEYS);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader access = section.get();
        Optional<List<String>> groups = access.scalarOrList("groups", Values.string());
        Optional<List<String>> users = access.scalarOrList("users", Values.string());
        if (groups.isEmpty() || users.isEmpty()) {
            return Optional.empty();
        }
        Optional<Optional<JitAccess>> jit = jit(access);
        if (jit.isEmpty()) {
            return Optional.empty();
        }
        if (groups.get().isEmpty() && users.get().isEmpty() && jit.get().isEmpty()) {
            access.problems().add(access.location(), access.path(),
                    "nobody could use this connection: list at least one group or user, or allow jit requests");
            return Optional.empty();
        }
        return Optional.of(new AccessList(new HashSet<>(users.get()), new HashSet<>(groups.get()), jit.get()));
    }

    /**
     * {@code access.jit}: just-in-time grants. The outer Optional is empty when the section has problems; the inner
     * one when the connection takes no access requests.
     */
    private static Optional<Optional<JitAccess>> jit(MappingReader access) {
        if (!access.has("jit")) {
            return Optional.of(Optional.empty());
        }
        Optional<MappingReader> section = access.section("jit", JIT_KEYS);
        if (section.isEmpty()) {
            return Optional.empty();
        }
        MappingReader jit = section.get();
        Optional<List<String>> requesters = jit.has("requesters")
                ? jit.scalarOrList("requesters", Values.string()) : Optional.of(List.of());
        Optional<List<String>> approvers = jit.has("approvers")
                ? jit.scalarOrList("approvers", Values.string()) : Optional.of(List.of());
        Optional<Integer> minApprovals = jit.orDefault("min_approvals", Values.integer(1, 10), 1);
        Optional<Duration> maxWindow = jit.orDefault("max_window",
                Durations.between(Duration.ofMinutes(1), Duration.ofDays(30)), Duration.ofHours(8));
        Optional<String> onExpiry = jit.orDefault("on_expiry", Values.oneOf("on_expiry", ON_EXPIRY), "end");
        if (requesters.isEmpty() || approvers.isEmpty() || minApprovals.isEmpty() || maxWindow.isEmpty()
                || onExpiry.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new JitAccess(requesters.get(), approvers.get(), minApprovals.get(),
                maxWindow.get(), onExpiry.get().equals("end") ? JitAccess.OnExpiry.END : JitAccess.OnExpiry.CONTINUE)));
    }
}
