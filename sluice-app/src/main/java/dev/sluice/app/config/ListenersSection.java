package dev.sluice.app.config;

import dev.sluice.core.gateway.ListenerSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code listeners:}. Besides the listeners that parsed completely it returns every name it could read
 * with its protocol, so that a connection naming a listener whose address was wrong gets no second, misleading
 * "unknown listener" error.
 */
final class ListenersSection {

    static final List<String> KEYS = List.of("name", "protocol", "listen", "tls");
    static final List<String> TLS_KEYS = List.of("cert", "key", "required");
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /**
     * @param listeners the listeners that parsed completely
     * @param protocols every listener name read, with its protocol where that parsed too
     * @param addresses every listen address read, for the admin address check
     */
    record Result(List<ListenerConfig> listeners, Map<String, Optional<String>> protocols,
                  Map<HostPort, String> addresses) {
    }

    private ListenersSection() {
    }

    static Result read(MappingReader root, ReadContext context) {
        List<ListenerConfig> listeners = new ArrayList<>();
        Map<String, Optional<String>> protocols = new LinkedHashMap<>();
        Map<HostPort, String> addresses = new LinkedHashMap<>();
        Problems problems = context.problems();
        Optional<List<YamlNode>> items = root.list("listeners");
        if (items.isPresent() && items.get().isEmpty()) {
            problems.add(root.node("listeners").map(YamlNode::location).orElse(root.location()), "listeners",
                    "at least one listener is required");
        }
        UniqueNames names = new UniqueNames("listener name", problems);
        List<YamlNode> list = items.orElse(List.of());
        for (int i = 0; i < list.size(); i++) {
            Optional<MappingReader> item = MappingReader.of(list.get(i), "listeners[" + i + "]", problems, KEYS);
            if (item.isEmpty()) {
                continue;
            }
            MappingReader listener = item.get();
            Optional<String> name = listener.required("name",
                    Values.matching(NAME, "use lower-case letters, digits and '-'"));
            Optional<String> protocol = listener.required("protocol", Values.oneOf("protocol", context.protocols()));
            Optional<HostPort> listen = listener.required("listen", HostPort.parser(0));
            Optional<ClientTls> tls = tls(listener, context);
            boolean unique = name.isPresent()
                    && names.claim(name.get(), listener.node("name").orElseThrow(), listener.path("name"));
            if (unique) {
                protocols.put(name.get(), protocol);
            } else if (name.isEmpty()) {
                // A name that broke the naming rule still identifies the listener: connections naming it
                // should not get a second, misleading "unknown listener".
                writtenName(listener).ifPresent(written -> protocols.putIfAbsent(written, protocol));
            }
            if (listen.isPresent()) {
                checkAddressIsFree(listen.get(), name.orElse("#" + i), listener, addresses, problems);
            }
            if (unique && protocol.isPresent() && listen.isPresent() && tls.isPresent()) {
                listeners.add(new ListenerConfig(name.get(), protocol.get(), listen.get(), tls.get().files(),
                        tls.get().required()));
            }
        }
        return new Result(List.copyOf(listeners), protocols, addresses);
    }

    private static Optional<String> writtenName(MappingReader listener) {
        return listener.node("name")
                .flatMap(node -> node instanceof YamlScalar scalar && !scalar.isEmpty()
                        ? Optional.of(scalar.text()) : Optional.empty());
    }

    /** What {@code tls:} says: the files to serve TLS with (none without the section) and whether it is required. */
    private record ClientTls(Optional<ListenerSpec.TlsFiles> files, boolean required) {
    }

    /**
     * Reads {@code tls:}. {@code required: true} without both files is one problem at {@code tls.required} (the
     * gateway cannot require what it cannot serve) rather than a pair of bare "is required" ones.
     */
    private static Optional<ClientTls> tls(MappingReader listener, ReadContext context) {
        if (!listener.has("tls")) {
            return Optional.of(new ClientTls(Optional.empty(), false));
        }
        return listener.section("tls", TLS_KEYS).flatMap(tls -> {
            Optional<Boolean> required = tls.orDefault("required", Values.bool(), false);
            if (required.orElse(false) && !(tls.has("cert") && tls.has("key"))) {
                tls.problems().add(tls.node("required").orElseThrow(), tls.path("required"),
                        "needs tls.cert and tls.key: the gateway cannot require TLS it cannot serve");
                return Optional.empty();
            }
            Optional<Path> cert = tls.required("cert", Values.readableFile(context.baseDir()));
            Optional<Path> key = tls.required("key", Values.readableFile(context.baseDir()));
            if (cert.isEmpty() || key.isEmpty() || required.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ClientTls(Optional.of(new ListenerSpec.TlsFiles(cert.get(), key.get())),
                    required.get()));
        });
    }

    private static void checkAddressIsFree(HostPort address, String name, MappingReader listener,
                                           Map<HostPort, String> taken, Problems problems) {
        for (Map.Entry<HostPort, String> other : taken.entrySet()) {
            if (address.overlaps(other.getKey())) {
                problems.add(listener.node("listen").orElseThrow(), listener.path("listen"),
                        address + " is already used by listener '" + other.getValue() + "'");
                return;
            }
        }
        taken.put(address, name);
    }
}
