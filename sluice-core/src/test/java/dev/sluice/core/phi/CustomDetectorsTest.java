package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomDetectorsTest {

    private static String scrub(CustomDetectorSpec spec, String text) {
        return new DetectorScrubber(new PhiScanner(List.of(CustomDetectors.create(spec)))).scrub(text);
    }

    @Test
    void regexDetectorLabelsMatchesWithItsName() {
        assertThat(scrub(CustomDetectorSpec.regex("employee-id", "\\bE\\d{6}\\b"), "badge e123456 and E654321"))
                .isEqualTo("badge [EMPLOYEE_ID] and [EMPLOYEE_ID]");
    }

    @Test
    void dictionaryDetectorMatchesWholeWordsAndPhrases() {
        CustomDetectorSpec spec = CustomDetectorSpec.dictionary("study", "Project Nightingale", "ACME-7");
        assertThat(scrub(spec, "enrolled in project  nightingale and acme-7; not nightingales"))
                .isEqualTo("enrolled in [STUDY] and [STUDY]; not nightingales");
    }

    @Test
    void contextWordsRestrictMatchesToCuedOnes() {
        CustomDetectorSpec spec = new CustomDetectorSpec("badge", CustomDetectorSpec.Kind.REGEX, List.of("\\d{5}"),
                List.of("badge"), 0.9, true);
        assertThat(scrub(spec, "badge 12345, room 54321")).isEqualTo("badge [BADGE], room 54321");
    }

    @Test
    void caseSensitiveDictionary() {
        CustomDetectorSpec spec = new CustomDetectorSpec("code", CustomDetectorSpec.Kind.DICTIONARY, List.of("XR7"),
                List.of(), 0.9, true);
        assertThat(scrub(spec, "XR7 xr7")).isEqualTo("[CODE] xr7");
    }

    @Test
    void badSpecsAreRejectedWithTheDetectorsName() {
        assertThatThrownBy(() -> CustomDetectors.create(CustomDetectorSpec.regex("ids", "(a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("detector ids");
        assertThatThrownBy(() -> CustomDetectorSpec.regex("bad name", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CustomDetectorSpec.dictionary("empty"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
