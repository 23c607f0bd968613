package dev.sluice.app.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as written in the configuration: bytes ({@code 1024}) or a number with a binary unit
 * ({@code 512KiB}, {@code 64MiB}, {@code 1GiB}). Decimal units (MB) are refused rather than guessed.
 */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(B|KiB|MiB|GiB)?");
    private static final String FORMAT = "use bytes or a binary unit: 1024, 512KiB, 64MiB, 1GiB";

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;

    private Sizes() {
    }

    /** A size in bytes between {@code min} and {@code max} inclusive. */
    static ValueParser<Long> between(long min, long max) {
        return node -> {
            String text = Values.scalar(node, "a size").text().strip();
            Matcher m = SIZE.matcher(text);
            if (!m.matches()) {
                throw new InvalidValue("'" + text + "' is not a size (" + FORMAT + ")");
            }
            long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
                case "KiB" -> KIB;
                case "MiB" -> MIB;
                case "GiB" -> GIB;
                default -> 1;
            };
            long value;
            try {
                value = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            } catch (ArithmeticException | NumberFormatException e) {
                value = Long.MAX_VALUE;
            }
            if (value < min || value > max) {
                throw new InvalidValue("must be between " + format(min) + " and " + format(max));
            }
            return value;
        };
    }

    static String format(long bytes) {
        if (bytes % GIB == 0 && bytes > 0) {
            return bytes / GIB + "GiB";
        }
        if (bytes % MIB == 0 && bytes > 0) {
            return bytes / MIB + "MiB";
        }
        if (bytes % KIB == 0 && bytes > 0) {
            return bytes / KIB + "KiB";
        }
        return Long.toString(bytes);
    }
}
