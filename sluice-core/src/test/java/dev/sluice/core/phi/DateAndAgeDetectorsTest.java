package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sluice.core.phi.DetectorTestSupport.found;
import static org.assertj.core.api.Assertions.assertThat;

class DateAndAgeDetectorsTest {

    private final Detector dates = new DateDetector();
    private final Detector ages = new AgeDetector();

    @Test
    void commonDateForms() {
        assertThat(found(dates, "on 2021-03-04, 3/4/2021, 03-04-21, 24.12.2021, March 4, 2021, Mar. 4th 2021, "
                + "4 March 2021, 04-MAR-2021, March 2021 and 03/2021"))
                .containsExactly("DATE:2021-03-04", "DATE:3/4/2021", "DATE:03-04-21", "DATE:24.12.2021",
                        "DATE:March 4, 2021", "DATE:Mar. 4th 2021", "DATE:4 March 2021", "DATE:04-MAR-2021",
                        "DATE:March 2021", "DATE:03/2021");
    }

    @Test
    void impossibleDatesAndOtherNumbersAreNot() {
        assertThat(found(dates, "2021-13-04 2021-02-30 BP 120/80 ratio 1:2 version 1.2.3.4 take 2-3 tabs "
                + "may 5 times")).isEmpty();
    }

    @Test
    void birthCueRaisesConfidence() {
        PhiScanner scanner = new PhiScanner(List.of(dates));
        double bare = scanner.scan("seen 01/02/60").getFirst().confidence();
        double birth = scanner.scan("DOB: 01/02/60").getFirst().confidence();
        assertThat(birth).isGreaterThan(bare).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void agesOverEightyNineInTheirUsualForms() {
        assertThat(found(ages, "a 92 years old man, a 94-year-old woman, 91 y/o, 95yo F, 93 yo, age 97, aged 101"))
                .containsExactly("AGE:92", "AGE:94", "AGE:91", "AGE:95", "AGE:93", "AGE:97", "AGE:101");
    }

    @Test
    void youngerAgesAndUnrelatedNumbersAreNot() {
        assertThat(found(ages, "a 67-year-old man, 89 years old, 95 mg, 92% saturation, for 90 years")).isEmpty();
    }
}
