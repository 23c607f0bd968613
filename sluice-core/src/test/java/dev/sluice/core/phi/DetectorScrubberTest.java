package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DetectorScrubberTest {

    @Test
    void replacesEverySpanWithItsLabel() {
        TextScrubber scrubber = DetectorScrubber.standard();
        assertThat(scrubber.scrub("Mr. Smith, SSN 123-45-6789, called from 617-555-0142 on 2024-01-02."))
                .isEqualTo("Mr. [NAME], SSN [SSN], called from [PHONE] on [DATE].");
    }

    @Test
    void leavesTextWithoutPhiAlone() {
        TextScrubber scrubber = DetectorScrubber.standard();
        String text = "SELECT count(*) FROM visits WHERE year = 2024";
        assertThat(scrubber.scrub(text)).isSameAs(text);
        assertThat(scrubber.scrub("")).isEmpty();
    }

    @Test
    void failsClosedWhenADetectorFails() {
        Detector broken = new Detector() {
            @Override
            public Set<PhiType> types() {
                return Set.of(PhiType.CUSTOM);
            }

            @Override
            public void detect(ScanText text, SpanSink out) {
                throw new IllegalStateException("boom");
            }
        };
        TextScrubber scrubber = new DetectorScrubber(new PhiScanner(List.of(broken)));
        assertThat(scrubber.scrub("SSN 123-45-6789")).isEqualTo(DetectorScrubber.UNSCANNED);
    }
}
