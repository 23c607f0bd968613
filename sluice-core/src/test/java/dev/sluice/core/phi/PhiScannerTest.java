package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhiScannerTest {

    @Test
    void higherConfidenceWinsAnOverlap() {
        String text = "xxxxxxxxxx";
        List<PhiSpan> spans = PhiScanner.resolve(text, List.of(new PhiSpan(0, 6, PhiType.DATE, 0.6),
                new PhiSpan(4, 10, PhiType.PHONE, 0.9)), 0.5);
        assertThat(spans).containsExactly(new PhiSpan(0, 4, PhiType.DATE, 0.6), new PhiSpan(4, 10, PhiType.PHONE, 0.9));
    }

    @Test
    void onEqualConfidenceTheLongerSpanWinsAndASpanInsideItIsDropped() {
        String text = "123 Main St, Springfield, IL 62704";
        List<PhiSpan> spans = PhiScanner.resolve(text, List.of(new PhiSpan(29, 34, PhiType.ZIP, 0.9),
                new PhiSpan(0, 34, PhiType.ADDRESS, 0.9)), 0.5);
        assertThat(spans).containsExactly(new PhiSpan(0, 34, PhiType.ADDRESS, 0.9));
    }

    @Test
    void aLoserKeepsItsUnclaimedCharactersButNotBarePunctuation() {
        String text = "ab-cd-ef";
        List<PhiSpan> spans = PhiScanner.resolve(text, List.of(new PhiSpan(0, 8, PhiType.NAME, 0.6),
                new PhiSpan(2, 5, PhiType.SSN, 0.9), new PhiSpan(0, 2, PhiType.DATE, 0.95)), 0.5);
        assertThat(spans).containsExactly(new PhiSpan(0, 2, PhiType.DATE, 0.95), new PhiSpan(2, 5, PhiType.SSN, 0.9),
                new PhiSpan(5, 8, PhiType.NAME, 0.6));
        List<PhiSpan> punctuation = PhiScanner.resolve("ab-", List.of(new PhiSpan(0, 3, PhiType.NAME, 0.6),
                new PhiSpan(0, 2, PhiType.SSN, 0.9)), 0.5);
        assertThat(punctuation).containsExactly(new PhiSpan(0, 2, PhiType.SSN, 0.9));
    }

    @Test
    void spansBelowTheMinimumConfidenceAreDropped() {
        assertThat(PhiScanner.resolve("abc", List.of(new PhiSpan(0, 3, PhiType.NAME, 0.4)), 0.5)).isEmpty();
    }

    @Test
    void theStandardScannerFindsEveryKindInOneText() {
        String text = "Patient John Smith (DOB 01/02/1950, MRN: 00123456) seen by Dr. Alice Wong on March 3, 2021. "
                + "SSN 123-45-6789, phone (617) 555-0142, jo@example.org.";
        assertThat(DetectorTestSupport.found(text)).containsExactly("NAME:John Smith", "DATE:01/02/1950",
                "MRN:00123456", "NAME:Alice Wong", "DATE:March 3, 2021", "SSN:123-45-6789", "PHONE:(617) 555-0142",
                "EMAIL:jo@example.org");
    }

    @Test
    void forTypesPicksTheDetectorsThatReportThem() {
        List<Detector> chosen = Detectors.forTypes(List.of(PhiType.SSN, PhiType.FAX));
        assertThat(chosen).hasSize(2);
        assertThat(chosen).anySatisfy(d -> assertThat(d.types()).contains(PhiType.PHONE, PhiType.FAX));
        assertThat(Detectors.all()).flatMap(Detector::types).containsAll(
                java.util.EnumSet.complementOf(java.util.EnumSet.of(PhiType.CUSTOM)));
    }

    @Test
    void rejectsAnOutOfRangeMinimum() {
        assertThatThrownBy(() -> new PhiScanner(List.of(), 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
