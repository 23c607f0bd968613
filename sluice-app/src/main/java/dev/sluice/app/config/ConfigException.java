package dev.sluice.app.config;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The configuration file is unusable. {@link #getMessage()} lists every problem found, one per line, in file
 * order, each as {@code file:line:col: key.path: message}; the gateway refuses to start.
 */
public final class ConfigException extends Exception {

    private static final Comparator<ConfigProblem> FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final String file;
    private final List<ConfigProblem> problems;

    public ConfigException(String file, List<ConfigProblem> problems) {
        super(render(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.file = Objects.requireNonNull(file, "file");
        this.problems = problems.stream().sorted(FILE_ORDER).toList();
    }

    /** The file name as the user gave it, the prefix of every line of the message. */
    public String file() {
        return file;
    }

    /** Every problem, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String file, List<ConfigProblem> problems) {
        return problems.stream().sorted(FILE_ORDER).map(p -> p.render(file)).collect(Collectors.joining("\n"));
    }
}
