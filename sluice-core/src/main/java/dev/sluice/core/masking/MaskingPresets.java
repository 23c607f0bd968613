package dev.sluice.core.masking;

import java.util.List;
import java.util.Optional;

/** The presets a configuration can start from ({@code masking: {preset: phi-strict}}). */
public final class MaskingPresets {

    public static final List<String> NAMES = List.of(PhiStrictPreset.NAME);

    private MaskingPresets() {
    }

    /** The preset called {@code name}, keyed by {@code key}; empty for an unknown name. */
    public static Optional<MaskingPolicy> preset(String name, MaskingKey key) {
        return switch (name) {
            case PhiStrictPreset.NAME -> Optional.of(PhiStrictPreset.policy(key));
            default -> Optional.empty();
        };
    }

    /** Whether the preset's rules need a key (hmac or pseudonym). */
    public static boolean needsKey(String name) {
        return preset(name, MaskingKey.unresolved()).map(MaskingPolicy::usesKey).orElse(false);
    }
}
