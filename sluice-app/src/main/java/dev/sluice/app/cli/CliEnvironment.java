package dev.sluice.app.cli;

import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CLI reads from its surroundings besides its arguments: environment variables, standard input, the
 * user's home directory and the terminal. Tests run the CLI in-process with their own.
 *
 * @param variables environment variables ({@code SLUICE_HOME}, {@code SLUICE_TOKEN}, …)
 * @param stdin     standard input
 * @param userHome  the user's home directory
 * @param console   the terminal, when standard input is one (a token is then read without echo)
 */
public record CliEnvironment(Map<String, String> variables, InputStream stdin, Path userHome,
                             Optional<Console> console) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(userHome, "userHome");
        console = console == null ? Optional.empty() : console;
    }

    /** This process's own surroundings. */
    public static CliEnvironment system() {
        Console console = System.console();
        return new CliEnvironment(System.getenv(), System.in, Path.of(System.getProperty("user.home")),
                console != null && console.isTerminal() ? Optional.of(console) : Optional.empty());
    }

    /** For tests: the given variables, standard input and home; no terminal. */
    public static CliEnvironment of(Map<String, String> variables, InputStream stdin, Path userHome) {
        return new CliEnvironment(variables, stdin, userHome, Optional.empty());
    }

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }
}
