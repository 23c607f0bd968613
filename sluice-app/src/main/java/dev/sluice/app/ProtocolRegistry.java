package dev.sluice.app;

import dev.sluice.core.gateway.ProtocolModule;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The protocols this gateway speaks, listed explicitly at the composition root (no static registration).
 * A new protocol is one module and one entry in {@link #standard()}.
 */
public final class ProtocolRegistry {

    private final Map<String, ProtocolModule> modules;

    private ProtocolRegistry(Map<String, ProtocolModule> modules) {
        this.modules = modules;
    }

    /** @throws IllegalArgumentException when two modules claim the same protocol name */
    public static ProtocolRegistry of(ProtocolModule... modules) {
        Map<String, ProtocolModule> byName = new LinkedHashMap<>();
        for (ProtocolModule module : modules) {
            ProtocolModule previous = byName.putIfAbsent(module.protocol(), module);
            if (previous != null) {
                throw new IllegalArgumentException("two protocol modules claim '" + module.protocol() + "'");
            }
        }
        return new ProtocolRegistry(Map.copyOf(byName));
    }

    /** The modules this build ships. */
    public static ProtocolRegistry standard() {
        return of(new dev.sluice.postgres.PostgresModule());
    }

    public Optional<ProtocolModule> module(String protocol) {
        return Optional.ofNullable(modules.get(protocol));
    }

    public Set<String> protocols() {
        return modules.keySet();
    }
}
