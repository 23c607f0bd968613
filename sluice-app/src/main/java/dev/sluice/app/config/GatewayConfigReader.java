package dev.sluice.app.config;

import dev.sluice.core.connection.ConnectionSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a parsed tree into a {@link GatewayConfig}: every section is read even after an earlier one failed, so
 * that one run reports every problem; only a clean run builds the records.
 */
final class GatewayConfigReader {

    static final List<String> TOP_KEYS = List.of("gateway", "admin", "listeners", "identity", "connections", "store",
            "audit", "notifications", "policies", "allow_inline_secrets");
    static final List<String> AUDIT_KEYS = List.of("fail_closed");

    private GatewayConfigReader() {
    }

    /** @return the configuration, or empty when {@code problems} received at least one problem */
    static Optional<GatewayConfig> read(YamlNode root, Path file, Map<String, String> env, List<String> protocols,
                                        ConfigLoader.Credentials credentials, Problems problems) {
        if (!(root instanceof YamlMapping)) {
            problems.add(root, "", "the file must be a mapping of sections (gateway:, listeners:, connections:, ...), got "
                    + root.kind());
            return Optional.empty();
        }
        MappingReader top = MappingReader.of(root, "", problems, TOP_KEYS).orElseThrow();
        Path baseDir = file.getParent();
        boolean allowInline = top.orDefault("allow_inline_secrets", Values.bool(), false).orElse(false);
        ReadContext context = new ReadContext(problems, baseDir, new SecretReferences(env, baseDir), allowInline,
                protocols, credentials);

        Optional<GatewaySection.Settings> gateway = GatewaySection.read(top, context);
        Optional<AdminSection.Result> admin = AdminSection.read(top);
        ListenersSection.Result listeners = ListenersSection.read(top, context);
        Optional<IdentityConfig> identity = IdentitySection.read(top, context);
        // Before policies: their rules name webhooks (notify:), checked against notifications.webhookNames().
        NotificationsSection.Result notifications = NotificationsSection.read(top, context);
        // Before connections: connections[].policy names a policy.
        PoliciesSection.Result policies = PoliciesSection.read(top, context, notifications.webhookNames());
        List<ConnectionSpec> connections = ConnectionsSection.read(top, context, listeners, policies.names());
        Optional<StoreConfig> store = StoreSection.read(top, context, gateway.map(GatewaySection.Settings::dataDir));
        Optional<AuditConfig> audit = top.section("audit", AUDIT_KEYS)
                .flatMap(a -> a.orDefault("fail_closed", Values.bool(), AuditConfig.DEFAULTS.failClosed()))
                .map(AuditConfig::new);
        admin.ifPresent(a -> a.admin().ifPresent(config -> checkAdminAddress(config.listen(), a.section(), listeners)));

        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        GatewaySection.Settings settings = gateway.orElseThrow(GatewayConfigReader::unreported);
        return Optional.of(new GatewayConfig(file, settings.dataDir(), settings.shutdownGrace(), settings.limits(),
                admin.orElseThrow(GatewayConfigReader::unreported).admin(), listeners.listeners(),
                identity.orElseThrow(GatewayConfigReader::unreported), connections,
                store.orElseThrow(GatewayConfigReader::unreported), audit.orElseThrow(GatewayConfigReader::unreported),
                notifications.config().orElseThrow(GatewayConfigReader::unreported), policies.policies(),
                allowInline));
    }

    private static void checkAdminAddress(HostPort admin, MappingReader section, ListenersSection.Result listeners) {
        listeners.addresses().forEach((address, name) -> {
            if (admin.overlaps(address)) {
                section.problems().add(section.node("listen").orElseThrow(), section.path("listen"),
                        admin + " is already used by listener '" + name + "'");
            }
        });
    }

    /** A section came back empty without reporting why: a bug in this package, not in the user's file. */
    private static IllegalStateException unreported() {
        return new IllegalStateException("a configuration section failed without reporting a problem");
    }
}
