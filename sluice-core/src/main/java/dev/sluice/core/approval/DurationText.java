package dev.sluice.core.approval;

import java.time.Duration;

/** Durations as people write them in config and read them in messages: {@code 5m}, {@code 1h30m}, {@code 90s}. */
final class DurationText {

    private DurationText() {
    }

    static String format(Duration duration) {
        Duration d = duration.isNegative() ? Duration.ZERO : duration;
        if (d.toSeconds() == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (d.toHours() > 0) {
            text.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            text.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            text.append(d.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
