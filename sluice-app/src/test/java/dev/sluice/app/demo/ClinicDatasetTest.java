package dev.sluice.app.demo;

import org.junit.jupiter.api.Test;

import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClinicDatasetTest {

    private static final ClinicDataset STANDARD = ClinicDataset.standard();

    @Test
    void theSameSeedGivesTheSameRows() {
        ClinicDataset again = ClinicDataset.standard();

        assertThat(again.patients().getFirst()).usingRecursiveComparison().isEqualTo(STANDARD.patients().getFirst());
        assertThat(again.visits().getFirst()).usingRecursiveComparison().isEqualTo(STANDARD.visits().getFirst());
        assertThat(again.patients()).isEqualTo(STANDARD.patients());
        assertThat(again.visits()).isEqualTo(STANDARD.visits());
        assertThat(again.providers()).isEqualTo(STANDARD.providers());
    }

    @Test
    void anotherSeedGivesOtherPatients() {
        ClinicDataset other = ClinicDataset.generate(ClinicDataset.STANDARD_SEED + 1, 50, 100);

        assertThat(other.patients().getFirst().mrn()).isNotEqualTo(STANDARD.patients().getFirst().mrn());
        assertThat(other.patients().getFirst().notes()).isNotEqualTo(STANDARD.patients().getFirst().notes());
    }

    @Test
    void theStandardDatasetHasAThousandPatientsAndFiveThousandVisits() {
        assertThat(STANDARD.patients()).hasSize(1_000);
        assertThat(STANDARD.visits()).hasSize(5_000);
        assertThat(STANDARD.providers()).hasSize(ClinicDataset.PROVIDERS);
    }

    @Test
    void identifiersAreWellFormedAndUnique() {
        Set<String> mrns = new HashSet<>();
        for (Patient patient : STANDARD.patients()) {
            assertThat(patient.mrn()).matches("MRN-\\d{8}");
            assertThat(mrns.add(patient.mrn())).as("unique MRN").isTrue();
            assertThat(patient.ssn()).matches("(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}");
            assertThat(patient.zip()).matches("\\d{5}");
            assertThat(patient.phone()).matches("\\(\\d{3}\\) 555-01\\d\\d");
            assertThat(patient.insuranceJson())
                    .matches("\\{\"payer\": \"[^\"]+\", \"member_id\": \"[A-Z]{3}\\d{9}\", "
                            + "\"group_number\": \"\\d{6,8}\", \"plan\": \"[^\"]+\"}");
        }
        assertThat(STANDARD.providers()).allSatisfy(p -> assertThat(SyntheticIdentifiers.isValidNpi(p.npi())).isTrue());
        assertThat(STANDARD.providers().stream().map(Provider::npi).collect(Collectors.toSet()))
                .hasSize(STANDARD.providers().size());
    }

    @Test
    void visitsReferToExistingPatientsAndProvidersAndFollowTime() {
        Set<String> npis = STANDARD.providers().stream().map(Provider::npi).collect(Collectors.toSet());
        Visit previous = null;
        for (Visit visit : STANDARD.visits()) {
            assertThat(visit.patientId()).isBetween(1, STANDARD.patients().size());
            assertThat(npis).contains(visit.providerNpi());
            assertThat(visit.diagnosisCode()).matches("[A-Z]\\d{2}(\\.[0-9A-Z]{1,4})?");
            Patient patient = STANDARD.patients().get(visit.patientId() - 1);
            assertThat(visit.visitDate().toLocalDate()).isAfterOrEqualTo(patient.createdAt().toLocalDate());
            if (previous != null) {
                assertThat(visit.id()).isEqualTo(previous.id() + 1);
                assertThat(visit.visitDate()).isAfterOrEqualTo(previous.visitDate());
            }
            previous = visit;
        }
    }

    @Test
    void notesCarryPhiInFreeText() {
        DateTimeFormatter us = DateTimeFormatter.ofPattern("MM/dd/yyyy");
        long withSsn = 0;
        long withMrn = 0;
        for (Patient patient : STANDARD.patients()) {
            String notes = patient.notes();
            assertThat(notes).contains(patient.firstName());
            assertThat(notes).containsAnyOf(us.format(patient.dateOfBirth()), patient.dateOfBirth().toString(),
                    Integer.toString(patient.dateOfBirth().getYear()), patient.streetAddress());
            withSsn += notes.contains(patient.ssn()) ? 1 : 0;
            withMrn += notes.contains(patient.mrn()) ? 1 : 0;
        }
        assertThat(withSsn).as("notes with an inline SSN").isBetween(200L, 400L);
        assertThat(withMrn).as("notes with an inline MRN").isBetween(300L, 500L);
        assertThat(STANDARD.visits()).allSatisfy(visit -> {
            Patient patient = STANDARD.patients().get(visit.patientId() - 1);
            assertThat(visit.notes()).contains(patient.firstName() + " " + patient.lastName(), visit.diagnosisCode());
        });
    }

    @Test
    void rowsDoNotPrintTheirValues() {
        Patient patient = STANDARD.patients().getFirst();
        String printed = patient + " " + STANDARD.visits().getFirst() + " " + patient.insurance();

        assertThat(printed).doesNotContain(patient.ssn(), patient.mrn(), patient.lastName(), patient.phone(),
                patient.insurance().memberId());
    }

    @Test
    void aDatasetNeedsAPatient() {
        assertThatThrownBy(() -> ClinicDataset.generate(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
