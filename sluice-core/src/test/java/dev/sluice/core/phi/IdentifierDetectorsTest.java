package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sluice.core.phi.DetectorTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

/** SSN, NPI, DEA, MRN, health-plan IDs and MBIs: valid numbers, numbers that fail the rules, cues. */
class IdentifierDetectorsTest {

    private final Detector ssn = new SsnDetector();

    @Test
    void ssnDashedIsFoundWithoutACue() {
        assertThat(found(ssn, "on file: 123-45-6789.")).containsExactly("SSN:123-45-6789");
    }

    @Test
    void ssnNeverIssuedAreasGroupsAndSerialsAreSkipped() {
        assertThat(found(ssn, "000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000")).isEmpty();
    }

    @Test
    void plainNineDigitsAreAnSsnOnlyAfterACue() {
        assertThat(found(ssn, "account 123456789")).isEmpty();
        assertThat(found(ssn, "SSN: 123456789")).containsExactly("SSN:123456789");
        assertThat(found(ssn, "\"socialSecurityNumber\": \"123456789\"")).containsExactly("SSN:123456789");
    }

    @Test
    void ssnInsideALongerNumberIsNotOne() {
        assertThat(found(ssn, "part 1-123-45-6789-2")).isEmpty();
    }

    @Test
    void npiNeedsTheLuhnCheckOverThePrefix80840() {
        assertThat(found(new NpiDetector(), "NPI 1234567893")).containsExactly("NPI:1234567893");
        assertThat(found(new NpiDetector(), "NPI 1234567890")).isEmpty();
        assertThat(found(new NpiDetector(), "NPI 3234567893")).isEmpty(); // must start with 1 or 2
    }

    @Test
    void npiWithACueIsMoreCertain() {
        List<PhiSpan> cued = new PhiScanner(List.of(new NpiDetector())).scan("NPI: 1234567893");
        List<PhiSpan> bare = new PhiScanner(List.of(new NpiDetector())).scan("ref 1234567893");
        assertThat(cued.getFirst().confidence()).isGreaterThan(bare.getFirst().confidence());
    }

    @Test
    void deaNeedsItsCheckDigit() {
        // 1+3+5 + 2*(2+4+6) = 33 → check digit 3
        assertThat(found(new DeaDetector(), "DEA AB1234563")).containsExactly("DEA:AB1234563");
        assertThat(found(new DeaDetector(), "DEA AB1234564")).isEmpty();
        assertThat(found(new DeaDetector(), "DEA ZB1234563")).isEmpty(); // Z is no registrant type
    }

    @Test
    void mrnNeedsACueRightBefore() {
        Detector mrn = Detectors.mrn(IdentifierSpec.defaultMrn());
        assertThat(found(mrn, "MRN: 00123456")).containsExactly("MRN:00123456");
        assertThat(found(mrn, "Medical record number 7654321.")).containsExactly("MRN:7654321");
        assertThat(found(mrn, "{\"patientMrn\": \"MR-2023-0045\"}")).containsExactly("MRN:MR-2023-0045");
        assertThat(found(mrn, "Order 7654321 placed")).isEmpty();
        assertThat(found(mrn, "MRN unknown")).isEmpty();
        assertThat(found(mrn, "re: MRN-00482215, seen today")).containsExactly("MRN:MRN-00482215");
    }

    @Test
    void mrnSitePatternsMatchWithoutACue() {
        Detector mrn = Detectors.mrn(IdentifierSpec.defaultMrn().withPatterns(List.of("\\bK\\d{7}\\b")));
        assertThat(found(mrn, "see K1234567 for details")).containsExactly("MRN:K1234567");
    }

    @Test
    void healthPlanIdsAfterCuesAndConfiguredCues() {
        Detector plan = Detectors.healthPlanId(IdentifierSpec.defaultHealthPlan());
        assertThat(found(plan, "Aetna member ID XYZ123456789")).containsExactly("HEALTH_PLAN_ID:XYZ123456789");
        Detector custom = Detectors.healthPlanId(new IdentifierSpec(List.of("acme card"), List.of()));
        assertThat(found(custom, "Acme card 55-123456")).containsExactly("HEALTH_PLAN_ID:55-123456");
        assertThat(found(custom, "member ID 55-123456")).isEmpty();
    }

    @Test
    void medicareBeneficiaryIdentifiersByTheirShape() {
        Detector mbi = new MedicareIdDetector();
        assertThat(found(mbi, "MBI 1EG4-TE5-MK73")).containsExactly("HEALTH_PLAN_ID:1EG4-TE5-MK73");
        assertThat(found(mbi, "1EG4TE5MK73")).containsExactly("HEALTH_PLAN_ID:1EG4TE5MK73");
        assertThat(found(mbi, "0EG4TE5MK73 1SG4TE5MK73")).isEmpty(); // leading 0; S is excluded
    }
}
