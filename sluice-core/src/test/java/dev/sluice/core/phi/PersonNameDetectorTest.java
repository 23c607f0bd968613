package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import static dev.sluice.core.phi.DetectorTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

class PersonNameDetectorTest {

    private final Detector names = new PersonNameDetector();

    @Test
    void titlesMakeNamesOfAnyCapitalisedWord() {
        assertThat(found(names, "Seen by Dr. Brown and Mrs. Young.")).containsExactly("NAME:Brown", "NAME:Young");
    }

    @Test
    void cuesMakeNamesOfWordsNoListHas() {
        assertThat(found(names, "Patient Xochitl Brenquist presented. Her daughter Zyrana can help."))
                .containsExactly("NAME:Xochitl Brenquist", "NAME:Zyrana");
        assertThat(found(names, "{\"patient_name\": \"Kalora Vindeth\"}")).containsExactly("NAME:Kalora Vindeth");
    }

    @Test
    void dictionaryNamesWithoutCue() {
        assertThat(found(names, "Yesterday Margaret Thompson called.")).containsExactly("NAME:Margaret Thompson");
        assertThat(found(names, "Spoke with Carol O'Brien-Smith today"))
                .containsExactly("NAME:Carol O'Brien-Smith");
        assertThat(found(names, "Spoke with John Q. Public")).containsExactly("NAME:John Q. Public");
    }

    @Test
    void laterMentionsOfAFoundNameCountToo() {
        assertThat(found(names, "Patient Margaret Thompson was seen. Thompson reports less pain."))
                .containsExactly("NAME:Margaret Thompson", "NAME:Thompson");
    }

    @Test
    void capitalisedOrdinaryWordsPlacesAndEponymsAreNot() {
        assertThat(found(names, "Patient Education provided. Blood Pressure Clinic. Parkinson's disease. "
                + "Referred to Massachusetts General Hospital. Glasgow Coma Scale 15. Follow Up. New England."))
                .isEmpty();
    }
}
