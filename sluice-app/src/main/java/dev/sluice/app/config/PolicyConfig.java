package dev.sluice.app.config;

import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.phi.CustomDetectorSpec;
import dev.sluice.core.policy.rules.RuleSet;

import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code policies:}: what a connection that names it is judged and masked by.
 *
 * @param rules           the rules and presets ({@code rules}, {@code presets}, {@code timezone})
 * @param masking         what is masked and guarded ({@code masking}); {@link MaskingPolicy#NONE} when not written
 * @param customDetectors detectors declared in {@code masking.custom_detectors}, for the content net; their names
 *                        may appear in {@code masking.detectors}
 */
public record PolicyConfig(RuleSet rules, MaskingPolicy masking, List<CustomDetectorSpec> customDetectors) {

    public PolicyConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(masking, "masking");
        customDetectors = List.copyOf(customDetectors);
    }

    /** Rules only: nothing masked, nothing guarded. */
    public PolicyConfig(RuleSet rules) {
        this(rules, MaskingPolicy.NONE, List.of());
    }

    /** The name connections refer to ({@code connections[].policy}). */
    public String name() {
        return rules.name();
    }
}
