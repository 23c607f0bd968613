package dev.sluice.core.masking;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static dev.sluice.core.masking.TestKeys.KEY;
import static org.assertj.core.api.Assertions.assertThat;

class PhiStrictPresetTest {

    private final MaskingPolicy strict = PhiStrictPreset.policy(KEY);

    @ParameterizedTest
    @CsvSource({
            "patients, ssn, partial",
            "patients, SSN, partial",
            "claims, patient_ssn, partial",
            "patients, social_security_number, partial",
            "patients, mrn, hmac",
            "visits, medical_record_number, hmac",
            "coverage, member_id, hmac",
            "coverage, policy_number, hmac",
            "patients, insurance, hmac",
            "patients, dob, year",
            "patients, date_of_birth, year",
            "patients, birth_date, year",
            "encounters, admission_date, year",
            "patients, age, year",
            "patients, home_phone, hmac",
            "patients, phone, hmac",
            "patients, fax, hmac",
            "patients, email, hmac",
            "patients, email_address, hmac",
            "sessions, ip_address, hmac",
            "patients, address, redact",
            "patients, street_address, redact",
            "patients, address_line1, redact",
            "patients, city, redact",
            "patients, zip, zip3",
            "patients, zip_code, zip3",
            "patients, postal_code, zip3",
            "patients, first_name, pseudonym",
            "patients, last_name, pseudonym",
            "patients, full_name, pseudonym",
            "patients, name, pseudonym",
            "emergency_contacts, name, pseudonym",
            "icu_patients, name, pseudonym",
            "people, name, pseudonym",
            "payments, credit_card_number, partial",
            "patients, photo, null",
            "patients, latitude, null",
    })
    void usualPhiColumnsAreMasked(String table, String column, String strategy) {
        ColumnMasking masking = strict.lookup("public", table, column);

        assertThat(masking).as(table + "." + column).isInstanceOf(ColumnMasking.Whole.class);
        assertThat(((ColumnMasking.Whole) masking).strategy().name()).isEqualTo(strategy);
        assertThat(masking.rules().getFirst().label()).startsWith("phi-strict:");
    }

    @ParameterizedTest
    @CsvSource({
            "drugs, name",
            "departments, name",
            "patient_types, name",
            "providers, npi",
            "patients, state",
            "patients, gender",
            "visits, notes",
            "visits, diagnosis_code",
            "patients, id",
    })
    void columnsThatAreNotIdentifiersAreLeftToTheDetectors(String table, String column) {
        assertThat(strict.lookup("public", table, column)).as(table + "." + column).isEqualTo(ColumnMasking.UNPROTECTED);
    }

    @Test
    void everyDetectorRedactingGuardsDenying() {
        assertThat(strict.detectors()).isEqualTo(DetectorSet.ALL);
        assertThat(strict.onUnknownLineage()).isEqualTo(MaskingPolicy.OnUnknownLineage.REDACT);
        assertThat(strict.onUndecodable()).isEqualTo(MaskingPolicy.OnUndecodable.NULL);
        assertThat(strict.guards()).isEqualTo(Guards.DENY);
        assertThat(strict.exemptGroups()).isEmpty();
        assertThat(strict.usesKey()).isTrue();
        assertThat(MaskingPresets.needsKey("phi-strict")).isTrue();
        assertThat(MaskingPresets.preset("nope", KEY)).isEmpty();
    }

    @Test
    void presetMasksARealisticRow() {
        assertThat(mask("ssn", "123-45-6789")).isEqualTo("***-**-6789");
        assertThat(mask("dob", "1961-04-02")).isEqualTo("1961");
        assertThat(mask("zip", "02134")).isEqualTo("02100");
        assertThat(mask("email", "jane@example.com")).startsWith("tok_");
        assertThat(mask("first_name", "Jane")).isIn(FakeNames.FIRST);
        assertThat(mask("address", "12 Elm St")).isEqualTo("[ADDRESS]");
    }

    private String mask(String column, String value) {
        return ((ColumnMasking.Whole) strict.lookup("public", "patients", column)).strategy().mask(value, ValueKind.TEXT);
    }
}
