package dev.sluice.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --ttl} is spelt as durations are in the configuration file, and must be positive. */
class PositiveDurationTest {

    private final PositiveDuration converter = new PositiveDuration();

    @Test
    void readsTheConfigurationSpelling() {
        assertThat(converter.convert("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void zeroIsNoLifetime() {
        assertThatThrownBy(() -> converter.convert("0")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("must be longer than 0");
    }

    @Test
    void aWrongSpellingSaysHowToWriteIt() {
        assertThatThrownBy(() -> converter.convert("10 min")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'10 min' is not a duration (use a number and a unit: 500ms, 30s, 5m, 1h or 1d)");
    }
}
