package dev.sluice.core.masking;

import dev.sluice.core.phi.CustomDetectorSpec;
import dev.sluice.core.phi.CustomDetectors;
import dev.sluice.core.phi.Detector;
import dev.sluice.core.phi.DetectorScrubber;
import dev.sluice.core.phi.Detectors;
import dev.sluice.core.phi.PhiScanner;
import dev.sluice.core.phi.PhiType;
import dev.sluice.core.phi.TextScrubber;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The content net of a masking policy: the detectors its {@link DetectorSet} names, as a {@link TextScrubber}. */
public final class ContentNet {

    private ContentNet() {
    }

    /**
     * Every built-in detector for {@link DetectorSet#ALL}, none ({@link TextScrubber#NONE}) for an empty set, else
     * the detectors of the named PHI types ({@code ssn}, {@code phone}, {@code health-plan-id}…). Names the build
     * does not know are skipped here: reading the configuration reports them.
     */
    /** The policy's net: its detector set, with the custom detectors the set names (all of them for {@code all}). */
    public static TextScrubber of(MaskingPolicy policy) {
        DetectorSet set = policy.detectors();
        List<Detector> custom = new ArrayList<>();
        for (CustomDetectorSpec spec : policy.customDetectors()) {
            if (set.all() || set.names().contains(spec.name())) {
                custom.add(CustomDetectors.create(spec));
            }
        }
        if (custom.isEmpty()) {
            return of(set);
        }
        List<Detector> detectors = new ArrayList<>(set.isEmpty() ? List.of() : builtIns(set));
        detectors.addAll(custom);
        return new DetectorScrubber(new PhiScanner(detectors));
    }

    private static List<? extends Detector> builtIns(DetectorSet set) {
        return set.all() ? Detectors.all() : Detectors.forTypes(types(set));
    }

    private static List<PhiType> types(DetectorSet detectors) {
        List<PhiType> types = new ArrayList<>();
        for (String name : detectors.names()) {
            String wanted = name.toUpperCase(Locale.ROOT).replace('-', '_');
            for (PhiType type : PhiType.values()) {
                if (type.name().equals(wanted)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    public static TextScrubber of(DetectorSet detectors) {
        if (detectors.isEmpty()) {
            return TextScrubber.NONE;
        }
        if (detectors.all()) {
            return DetectorScrubber.standard();
        }
        List<PhiType> types = types(detectors);
        return types.isEmpty() ? TextScrubber.NONE : new DetectorScrubber(new PhiScanner(Detectors.forTypes(types)));
    }
}
