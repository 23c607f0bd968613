package dev.sluice.app;

import dev.sluice.app.config.GatewayConfig;
import dev.sluice.app.config.PolicyConfig;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.policy.Policies;
import dev.sluice.core.policy.Policy;
import dev.sluice.core.policy.guards.GuardedPolicy;
import dev.sluice.core.policy.rules.RulePolicy;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The policy each connection is judged and masked by: the configured {@code policies:} entry it names, or, for
 * {@code default} when the file defines no policy by that name, allow-all and no masking. Each policy is built once
 * and shared by every connection that names it.
 *
 * <p>A policy entry has rules and a masking policy. The connection's {@link Policy} is the rules
 * ({@link RulePolicy}, whose {@code statement.touches_protected} asks the masking policy) behind the masking
 * policy's guards ({@link GuardedPolicy}: inference, copy-out and code execution), which are judged first. What
 * flows back is masked by the masking policy ({@link #maskingForConnections}).
 */
final class PolicyWiring {

    private PolicyWiring() {
    }

    /** The policy that decides each connection's commands. */
    static Function<ConnectionSpec, Policy> forConnections(GatewayConfig config, Clock clock) {
        Map<String, Policy> byName = new HashMap<>();
        for (PolicyConfig policy : config.policies()) {
            MaskingPolicy masking = policy.masking();
            RulePolicy rules = new RulePolicy(policy.rules(), masking.protectedData(), clock);
            byName.put(policy.name(), GuardedPolicy.of(policy.name(), masking, rules));
        }
        Map<String, Policy> policies = Map.copyOf(byName);
        checkEveryPolicyIsDefined(config);
        Policy allowAll = Policies.allowAll();
        return connection -> policies.getOrDefault(connection.policy(), allowAll);
    }

    /** What is masked in each connection's results; {@link MaskingPolicy#NONE} where the policy has no masking. */
    static Function<ConnectionSpec, MaskingPolicy> maskingForConnections(GatewayConfig config) {
        Map<String, MaskingPolicy> byName = new HashMap<>();
        for (PolicyConfig policy : config.policies()) {
            // The content net runs the policy's own detectors too (masking.custom_detectors).
            byName.put(policy.name(), policy.customDetectors().isEmpty() ? policy.masking()
                    : policy.masking().toBuilder().customDetectors(policy.customDetectors()).build());
        }
        Map<String, MaskingPolicy> masking = Map.copyOf(byName);
        checkEveryPolicyIsDefined(config);
        return connection -> masking.getOrDefault(connection.policy(), MaskingPolicy.NONE);
    }

    private static void checkEveryPolicyIsDefined(GatewayConfig config) {
        for (ConnectionSpec connection : config.connections()) {
            if (config.policy(connection.policy()).isEmpty() && !connection.policy().equals("default")) {
                // The configuration reader refuses this; failing here keeps a bug from running unguarded.
                throw new IllegalStateException("connection " + connection.name() + " names policy '"
                        + connection.policy() + "', which is not defined");
            }
        }
    }
}
