package dev.sluice.app.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in the configuration: a number and a unit ({@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h}, {@code 1d}), optionally several ({@code 1h30m}); a bare {@code 0} means zero (for timeouts: off).
 * The command line reads its durations ({@code --ttl}) here too, so both spell them alike.
 */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final String FORMAT = "use a number and a unit: 500ms, 30s, 5m, 1h or 1d";

    private Durations() {
    }

    /** A duration between {@code min} and {@code max} inclusive. */
    static ValueParser<Duration> between(Duration min, Duration max) {
        return node -> {
            YamlScalar scalar = Values.scalar(node, "a duration");
            Duration value;
            try {
                value = parse(scalar.text().strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidValue(e.getMessage());
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new InvalidValue("must be between " + format(min) + " and " + format(max));
            }
            return value;
        };
    }

    /** @throws IllegalArgumentException with a sentence saying what is wrong and how to write it */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.matches("[0-9]+")) {
            throw new IllegalArgumentException("'" + text + "' needs a unit (" + FORMAT + ")");
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (" + FORMAT + ")");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(text);
        try {
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> throw new IllegalStateException("unit not in the pattern: " + part.group(2));
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return total;
    }

    /** The configuration spelling of a duration, for messages. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
