package dev.sluice.app.cli;

import dev.sluice.app.config.Durations;
import picocli.CommandLine;

import java.time.Duration;

/** Converts a lifetime option ({@code --ttl 30d}) spelt as in the configuration file; zero is no lifetime. */
final class PositiveDuration implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        Duration duration;
        try {
            duration = Durations.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
        if (duration.isZero()) {
            throw new CommandLine.TypeConversionException("must be longer than 0");
        }
        return duration;
    }
}
