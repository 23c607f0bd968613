package dev.sluice.core.phi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A megabyte of input built to make backtracking matchers blow up. Matching is linear, so each scan completes; the
 * assertions are on what comes out (the time is printed, not asserted).
 */
class HostileInputTest {

    private static final int SIZE = 1 << 20;

    private static String repeat(String unit) {
        return unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "a@", "1-", "1.", "1:", "Aa ", "Smith ", "Mr. ", "http://", "www.", "12 Main St ",
        "(617) ", "ab:", "1/1/", "1 "})
    void aMegabyteOfOneRepeatedPatternIsScanned(String unit) {
        String text = repeat(unit);
        long start = System.nanoTime();
        List<PhiSpan> spans = PhiScanner.standard().scan(text);
        System.out.printf("hostile input '%s' x%d: %d spans in %d ms%n", unit, SIZE / unit.length(), spans.size(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(spans).allSatisfy(span -> assertThat(span.end()).isLessThanOrEqualTo(text.length()));
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i).start()).isGreaterThanOrEqualTo(spans.get(i - 1).end());
        }
    }

    @Test
    void longRunsMatchNothingTheyShouldNot() {
        assertThat(PhiScanner.standard().scan(repeat("1"))).isEmpty();
        assertThat(PhiScanner.standard().scan(repeat("a@"))).isEmpty();
    }

    @Test
    void theScrubberStaysUsableOnCapitalisedWordSoup() {
        String text = repeat("Kalora Vindeth ");
        String scrubbed = DetectorScrubber.standard().scrub(text);
        assertThat(scrubbed).doesNotContain("Vindeth");
    }
}
