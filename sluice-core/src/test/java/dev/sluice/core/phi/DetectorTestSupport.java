package dev.sluice.core.phi;

import java.util.List;

/** Runs one detector (or the standard set) over a text and shows what it found as "TYPE:text" strings. */
final class DetectorTestSupport {

    private DetectorTestSupport() {
    }

    static List<String> found(Detector detector, String text) {
        return show(new PhiScanner(List.of(detector)).scan(text), text);
    }

    static List<String> found(String text) {
        return show(PhiScanner.standard().scan(text), text);
    }

    static List<String> show(List<PhiSpan> spans, String text) {
        return spans.stream().map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
    }
}
