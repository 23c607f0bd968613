package dev.sluice.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spellings of durations, sizes, addresses and misspelt keys. */
class ValueFormatsTest {

    private static final List<String> KEYS = Stream.of(GatewayConfigReader.TOP_KEYS, GatewaySection.KEYS,
            GatewaySection.LIMIT_KEYS).flatMap(List::stream).toList();

    private static YamlScalar text(String value) {
        return new YamlScalar(value, YamlScalar.Type.STRING, new YamlLocation(1, 1));
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "1d, PT24H", "1h30m, PT1H30M", "0, PT0S"})
    void durationsAreReadInTheirUnits(String written, Duration expected) throws InvalidValue {
        assertThat(Durations.between(Duration.ZERO, Duration.ofDays(365)).parse(text(written))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "30 s", "-5s", "1.5h", "30sec", "1w", "s"})
    void malformedDurationsAreRefused(String written) {
        assertThatThrownBy(() -> Durations.between(Duration.ZERO, Duration.ofDays(365)).parse(text(written)))
                .isInstanceOf(InvalidValue.class);
    }

    @ParameterizedTest
    @CsvSource({"1024, 1024", "512KiB, 524288", "64MiB, 67108864", "1GiB, 1073741824"})
    void sizesAreReadInBinaryUnits(String written, long expected) throws InvalidValue {
        assertThat(Sizes.between(1, Sizes.GIB).parse(text(written))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"64MB", "1.5GiB", "-1", "lots", "2GiB", "99999999999999999999GiB"})
    void malformedOrTooLargeSizesAreRefused(String written) {
        assertThatThrownBy(() -> Sizes.between(1, Sizes.GIB).parse(text(written))).isInstanceOf(InvalidValue.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"127.0.0.1:6432|127.0.0.1|6432", "localhost:0|localhost|0",
            "[::1]:6432|::1|6432", "0.0.0.0:5432|0.0.0.0|5432"})
    void listenAddressesAreHostAndPort(String written, String host, int port) throws InvalidValue {
        assertThat(HostPort.parser(0).parse(text(written))).isEqualTo(new HostPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6432", ":6432", "::1:6432", "host:port", "host:65536", "a b:1"})
    void malformedListenAddressesAreRefused(String written) {
        assertThatThrownBy(() -> HostPort.parser(0).parse(text(written))).isInstanceOf(InvalidValue.class);
    }

    @Test
    void wildcardAddressOverlapsEveryHostOnItsPort() {
        HostPort all = new HostPort("0.0.0.0", 6432);

        assertThat(all.overlaps(new HostPort("127.0.0.1", 6432))).isTrue();
        assertThat(all.overlaps(new HostPort("127.0.0.1", 6433))).isFalse();
        assertThat(new HostPort("127.0.0.1", 0).overlaps(new HostPort("127.0.0.1", 0))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"limts, limits", "listner, listeners", "dataDir, data_dir", "DATA-DIR, data_dir", "conections, connections"})
    void closeMisspellingsGetASuggestion(String written, String expected) {
        assertThat(Suggestions.closest(written, KEYS)).contains(expected);
    }

    @Test
    void distantWordsGetNoSuggestion() {
        assertThat(Suggestions.closest("retention", GatewayConfigReader.TOP_KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", GatewayConfigReader.TOP_KEYS)).isEmpty();
    }
}
