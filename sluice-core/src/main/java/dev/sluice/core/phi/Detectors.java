package dev.sluice.core.phi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in detectors, for building a {@link PhiScanner}. A detector may report more than one type (the phone
 * detector reports PHONE and FAX, the network one IP_ADDRESS and MAC_ADDRESS); choosing it for one of them brings
 * the other along, which only ever masks more.
 */
public final class Detectors {

    private Detectors() {
    }

    /** Every built-in detector with default settings: a detector for every {@link PhiType} but CUSTOM. */
    public static List<Detector> all() {
        return all(IdentifierSpec.defaultMrn(), IdentifierSpec.defaultHealthPlan());
    }

    /** Every built-in detector, with the given medical-record and health-plan identifier settings. */
    public static List<Detector> all(IdentifierSpec mrn, IdentifierSpec healthPlan) {
        return List.of(new SsnDetector(), mrn(mrn), new NpiDetector(), new DeaDetector(), healthPlanId(healthPlan),
                new MedicareIdDetector(), new DateDetector(), new AgeDetector(), new PhoneDetector(),
                new EmailDetector(), new UrlDetector(), new NetworkAddressDetector(), new AddressDetector(),
                new ZipDetector(), new CreditCardDetector(), new IbanDetector(), new VinDetector(),
                new PersonNameDetector());
    }

    /** The built-in detectors (default settings) that report any of {@code types}. */
    public static List<Detector> forTypes(Collection<PhiType> types) {
        Set<PhiType> wanted = types.isEmpty() ? Set.of() : EnumSet.copyOf(types);
        List<Detector> chosen = new ArrayList<>();
        for (Detector detector : all()) {
            if (detector.types().stream().anyMatch(wanted::contains)) {
                chosen.add(detector);
            }
        }
        return List.copyOf(chosen);
    }

    /** Medical record numbers after cues and/or matching site patterns. */
    public static Detector mrn(IdentifierSpec spec) {
        return new IdentifierDetector(PhiType.MRN, spec);
    }

    /** Health-plan member / subscriber / policy IDs after cues and/or matching site patterns. */
    public static Detector healthPlanId(IdentifierSpec spec) {
        return new IdentifierDetector(PhiType.HEALTH_PLAN_ID, spec);
    }

    /** A detector declared in configuration. */
    public static Detector custom(CustomDetectorSpec spec) {
        return CustomDetectors.create(spec);
    }
}
