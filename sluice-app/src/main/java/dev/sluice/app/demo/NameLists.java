package dev.sluice.app.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The given and family names the synthetic patients and providers are drawn from: small census-style lists kept
 * as resources under {@code demo/}, one name a line, {@code #} starts a comment. All data is synthetic.
 */
record NameLists(List<String> femaleFirstNames, List<String> maleFirstNames, List<String> lastNames) {

    NameLists {
        femaleFirstNames = List.copyOf(femaleFirstNames);
        maleFirstNames = List.copyOf(maleFirstNames);
        lastNames = List.copyOf(lastNames);
        if (femaleFirstNames.isEmpty() || maleFirstNames.isEmpty() || lastNames.isEmpty()) {
            throw new IllegalArgumentException("every name list needs at least one name");
        }
    }

    /** The lists bundled with Sluice. */
    static NameLists bundled() {
        return new NameLists(read("demo/first-names-female.txt"), read("demo/first-names-male.txt"),
                read("demo/last-names.txt"));
    }

    private static List<String> read(String resource) {
        InputStream in = NameLists.class.getClassLoader().getResourceAsStream(resource);
        Objects.requireNonNull(in, () -> "missing resource " + resource);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
