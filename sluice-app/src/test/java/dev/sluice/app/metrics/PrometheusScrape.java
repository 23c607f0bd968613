package dev.sluice.app.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A Prometheus text scrape read back as series → value, the way a scraper would see it. */
public record PrometheusScrape(String text, Map<String, Double> series) {

    public static PrometheusScrape of(String text) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new PrometheusScrape(text, Map.copyOf(series));
    }

    /** The value of one series, written as it appears in the scrape, e.g. {@code x_total{a="b"}}. */
    public Optional<Double> value(String seriesName) {
        return Optional.ofNullable(series.get(seriesName));
    }

    /** The declared type of a metric family ({@code counter}, {@code gauge}, {@code histogram}). */
    public Optional<String> type(String family) {
        String prefix = "# TYPE " + family + " ";
        return text.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }

    public boolean hasFamilyStartingWith(String prefix) {
        return series.keySet().stream().anyMatch(s -> s.startsWith(prefix));
    }
}
