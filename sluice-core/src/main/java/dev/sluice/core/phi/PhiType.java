package dev.sluice.core.phi;

/**
 * The kinds of protected health information the detectors recognise: the HIPAA Safe Harbor identifiers that have a
 * recognisable form, plus {@link #CUSTOM} for detectors declared in configuration. {@link #token()} is what a
 * {@link DetectorScrubber} writes in place of a span of this type.
 */
public enum PhiType {
    SSN,
    MRN,
    NPI,
    DEA,
    HEALTH_PLAN_ID,
    DATE,
    /** An age over 89 ("92 years old", "age 95"): Safe Harbor keeps only "90 or older". */
    AGE,
    PHONE,
    FAX,
    EMAIL,
    URL,
    /** IPv4 or IPv6. */
    IP_ADDRESS,
    MAC_ADDRESS,
    /** A street address (number, street, suffix, unit) and/or its "City, ST 12345" line, or a city named as one. */
    ADDRESS,
    /** A ZIP code named as one ("ZIP 62704"); inside an address it is part of the {@link #ADDRESS}. */
    ZIP,
    CREDIT_CARD,
    IBAN,
    VIN,
    /** A person's name. */
    NAME,
    /** Found by a detector declared in configuration; the span's label is the detector's name. */
    CUSTOM;

    /** The replacement a scrubber writes for a span of this type, e.g. {@code [SSN]}. */
    public String token() {
        return "[" + name() + "]";
    }
}
