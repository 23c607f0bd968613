package dev.sluice.postgres.masking;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Simple stand-ins for the core's detectors and strategies. */
final class TestScrubbers {

    private static final Pattern SSN = Pattern.compile("\\b\\d{3}-\\d{2}-\\d{4}\\b");

    /** Replaces anything shaped like an SSN by [SSN]; returns the same instance when there is none. */
    static final UnaryOperator<String> SSN_NET = text -> {
        var matcher = SSN.matcher(text);
        return matcher.find() ? matcher.replaceAll("[SSN]") : text;
    };

    /** Keeps the last four characters, stars before. */
    static final UnaryOperator<String> PARTIAL = text ->
            "*".repeat(Math.max(0, text.length() - 4)) + text.substring(Math.max(0, text.length() - 4));

    private TestScrubbers() {
    }
}
