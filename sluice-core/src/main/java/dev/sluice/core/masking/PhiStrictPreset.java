package dev.sluice.core.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code phi-strict}: a policy a healthcare deployment can take as it is. It aims at the HIPAA Safe Harbor
 * identifiers (45 CFR 164.514(b)(2)) as they are usually named in clinical and claims schemas, in every schema and
 * table, and keeps results usable: identifiers that join tables become keyed tokens, names become stand-in names,
 * dates keep their year and ZIP codes their first three digits.
 *
 * <p>Beyond the column rules: every detector runs over every text value that leaves (free-text notes, JSON, error
 * messages keep their clinical content with the PHI inside masked), a statement on a protected table whose output
 * the gateway cannot trace is redacted ({@code on_unknown_lineage: redact}), values it cannot decode become NULL,
 * and all three guards deny. Nobody is exempt until the configuration says so.
 *
 * <p>Column names are matched ignoring case; the first matching rule wins, and a configuration's own rules come
 * before these. Deliberately not covered:
 * <ul>
 *   <li>a bare {@code name} column in any table: in a clinical schema it names drugs, departments, facilities and
 *       codes far more often than people; masking them all would make the preset unusable. {@code name} is masked
 *       in tables whose name says they hold people (patients, persons, members, contacts, …), and a person's name
 *       elsewhere is caught by the name detector;</li>
 *   <li>{@code npi} and other provider identifiers: they identify clinicians, are public (the NPPES registry), and
 *       are not patient identifiers; NPIs inside text still meet the NPI detector;</li>
 *   <li>{@code state}, {@code gender}, {@code race}, diagnosis and procedure codes: not Safe Harbor identifiers;</li>
 *   <li>free-text columns (notes, comments): the detectors mask the PHI inside them.</li>
 * </ul>
 * Some patterns also catch flag columns ({@code phone_verified}, {@code has_insurance}): masking a flag costs
 * little, missing an identifier costs a breach.
 */
public final class PhiStrictPreset {

    public static final String NAME = "phi-strict";

    /** Markers say what was removed, so a masked result stays readable. */
    static final Redact ADDRESS = new Redact("[ADDRESS]");
    static final Redact LOCATION = new Redact("[LOCATION]");
    static final Redact URL = new Redact("[URL]");

    private PhiStrictPreset() {
    }

    /** The preset as a policy; {@code key} keys its tokens and pseudonyms. */
    public static MaskingPolicy policy(MaskingKey key) {
        return MaskingPolicy.builder()
                .preset(NAME)
                .rules(rules(key))
                .detectors(DetectorSet.ALL)
                .onUnknownLineage(MaskingPolicy.OnUnknownLineage.REDACT)
                .onUndecodable(MaskingPolicy.OnUndecodable.NULL)
                .guards(Guards.DENY)
                .build();
    }

    /** The preset's column rules, in order, each labelled {@code phi-strict:<pattern>}. */
    public static List<ColumnRule> rules(MaskingKey key) {
        HmacToken token = new HmacToken(key);
        Rules rules = new Rules();

        // Social Security numbers: the last four digits are what call centres and forms verify against, and
        // alone they identify nobody; the area and group numbers are masked. Override with hmac or redact where
        // even the last four must not be seen.
        rules.add(Partial.keepLast(4), "ssn", "*_ssn", "ssn_*", "*social_security*", "social_sec_*");

        // Record, plan, account, licence, vehicle and device identifiers (Safe Harbor H, I, J, K, L, M): keyed
        // tokens. They are join keys in clinical schemas, and equal tokens keep joins and counts working while
        // revealing nothing.
        rules.add(token, "mrn", "*_mrn", "mrn_*", "*medical_record*",
                "member_id", "*_member_id", "member_number", "*_member_number", "subscriber_id", "*_subscriber_id",
                "policy_number", "policy_no", "*_policy_number", "insurance*", "*_insurance_id", "*_insurance_number",
                "health_plan*", "*_health_plan_id", "beneficiary*", "medicare*", "medicaid*", "hicn", "mbi",
                "account_number", "account_no", "*_account_number", "bank_account*", "iban",
                "*license_number*", "*licence_number*", "driver*_licen?e*", "dl_number", "passport*",
                "certificate_number", "vin", "*_vin", "license_plate*", "plate_number",
                "device_serial*", "udi");

        // Payment cards: the last four digits, the display PCI DSS allows.
        rules.add(Partial.keepLast(4), "credit_card*", "card_number", "*_card_number", "cc_number", "pan");

        // Dates of birth (Safe Harbor C): the year, with years 90 or more years ago aggregated (ages over 89).
        rules.add(Year.BIRTH_DATE, "dob", "*_dob", "date_of_birth", "*_date_of_birth", "birth_date", "*_birth_date",
                "birthdate", "birth_dt", "birthday");

        // Other dates of an individual's care or life (Safe Harbor C): the year.
        rules.add(Year.DATE, "date_of_death", "death_date", "deceased_date", "dod",
                "admission_date", "admit_date", "admitted_at", "discharge_date", "discharged_at",
                "date_of_service", "service_date");

        // Ages (Safe Harbor C): over 89 become 90+.
        rules.add(Year.AGE, "age", "*_age", "age_years", "age_at_*");

        // Telephone and fax numbers (Safe Harbor D, E): keyed tokens, so the same number still links records.
        rules.add(token, "*phone*", "fax", "*_fax", "fax_*", "mobile", "mobile_number", "pager");

        // E-mail addresses (Safe Harbor F): keyed tokens. Listed before addresses: email_address is an e-mail.
        rules.add(token, "email", "*_email", "email_addr*", "*_email_address", "e_mail");

        // IP and MAC addresses (Safe Harbor O, M): keyed tokens. Listed before street addresses.
        rules.add(token, "ip", "ip_address", "*_ip", "*_ip_address", "ip_addr", "ipv4", "ipv6", "mac_address");

        // Personal web addresses (Safe Harbor N). A generic url column (an image, a document) is left to the
        // URL detector.
        rules.add(URL, "website", "*_website", "homepage", "personal_url");

        // Street addresses (Safe Harbor B): redacted; nothing of a street address may remain.
        rules.add(ADDRESS, "address", "*_address", "address_line*", "address?", "addr", "addr?", "addr_line*",
                "street*", "*_street", "house_number");

        // ZIP codes (Safe Harbor B): the first three digits, 000 where the area is sparse.
        rules.add(Zip3.SAFE_HARBOR, "zip", "zip?", "zip_code", "zipcode", "*_zip", "*_zip_code", "*_zipcode",
                "postal_code", "postcode", "*_postal_code");

        // Other geographic subdivisions smaller than a state (Safe Harbor B): redacted. The state is kept.
        rules.add(LOCATION, "city", "*_city", "town", "county", "*_county", "precinct", "neighborhood",
                "neighbourhood");

        // Geographic coordinates (Safe Harbor B): NULL, which keeps a numeric column numeric.
        rules.add(NullValue.INSTANCE, "latitude", "longitude", "lat", "lng", "lon", "geolocation", "coordinates");

        // Names of the patient, relatives and household (Safe Harbor A): stand-in names, consistent across
        // columns (the same first name maps to the same stand-in in first_name and in full_name).
        rules.add(new Pseudonym(key, Pseudonym.Style.FIRST_NAME), "first_name", "firstname", "*_first_name",
                "given_name", "fname", "middle_name", "*_middle_name", "preferred_name", "nickname");
        rules.add(new Pseudonym(key, Pseudonym.Style.LAST_NAME), "last_name", "lastname", "*_last_name", "surname",
                "family_name", "lname", "maiden_name", "*_maiden_name");
        rules.add(new Pseudonym(key, Pseudonym.Style.FULL_NAME), "full_name", "*_full_name", "patient_name",
                "*_patient_name", "contact_name", "*_contact_name", "guardian_name", "*_guardian_name",
                "next_of_kin*", "emergency_contact*", "guarantor_name", "subscriber_name", "spouse_name",
                "mother_name", "father_name");
        rules.add(new Pseudonym(key, Pseudonym.Style.FULL_NAME), nameInPeopleTables());

        // Full-face photographs and biometric identifiers (Safe Harbor P, Q): NULL. An image cannot be masked in
        // part, and NULL fits a bytea column.
        rules.add(NullValue.INSTANCE, "photo*", "*_photo", "picture", "face_image", "fingerprint*", "biometric*",
                "retina*", "iris_scan", "voice_print", "voiceprint", "signature_image");
        return rules.list;
    }

    /**
     * {@code name} in tables whose name says they hold people: {@code patients}, {@code icu_patients},
     * {@code emergency_contacts}, but not {@code patient_types} (a lookup table of labels).
     */
    private static String[] nameInPeopleTables() {
        List<String> patterns = new ArrayList<>();
        for (String stem : List.of("patient", "person", "member", "contact", "guarantor", "subscriber", "relative",
                "guardian", "dependent", "caregiver", "beneficiary", "insured")) {
            patterns.addAll(List.of("*." + stem + ".name", "*." + stem + "s.name", "*.*_" + stem + ".name",
                    "*.*_" + stem + "s.name"));
        }
        patterns.addAll(List.of("*.people.name", "*.*_people.name", "*.beneficiaries.name", "*.next_of_kin.name"));
        return patterns.toArray(String[]::new);
    }

    private static final class Rules {
        final List<ColumnRule> list = new ArrayList<>();

        void add(MaskStrategy strategy, String... patterns) {
            for (String pattern : patterns) {
                ColumnRule rule = ColumnRule.whole(pattern, strategy);
                list.add(rule.labelled(NAME + ":" + rule.columns()));
            }
        }
    }
}
