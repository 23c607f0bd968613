package dev.sluice.app.cli;

import dev.sluice.app.api.AdminApiClient;
import dev.sluice.app.api.AdminApiException;
import dev.sluice.app.api.LoginFile;
import dev.sluice.app.api.SavedLogin;
import dev.sluice.app.api.ServerUrl;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A subcommand that works through a gateway's admin API: it finds the server and token ({@code sluice login}'s saved
 * login; {@code --server} and {@code SLUICE_TOKEN} override it), runs, and turns the API's refusals into one-line
 * failures. A saved token is only ever sent to the server it was saved for.
 */
abstract class ApiCommand implements Callable<Integer> {

    /** A token for scripts and CI, used instead of the saved login's. */
    static final String TOKEN_VARIABLE = "SLUICE_TOKEN";
    static final String REFUSED = "your token was refused or has expired; run sluice login again";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            description = "The gateway's admin API, e.g. http://127.0.0.1:9090 (default: the one you logged in to).")
    String server;

    @Override
    public final Integer call() {
        CliEnvironment environment = SluiceCli.environment(spec);
        LoginFile file = LoginFile.locate(environment.variables(), environment.userHome());
        Optional<SavedLogin> saved = readSaved(file);
        URI target = target(saved);
        String token = environment.variable(TOKEN_VARIABLE)
                .or(() -> saved.filter(login -> LoginFile.isFor(login, target)).map(SavedLogin::token))
                .orElseThrow(() -> new CliFailure(saved.isPresent()
                        ? "you are logged in to " + saved.get().server() + ", not " + target + "; run sluice login --server "
                        + target + " (or set " + TOKEN_VARIABLE + ")"
                        : "not logged in; run sluice login --server " + target + " (or set " + TOKEN_VARIABLE + ")"));
        try (AdminApiClient api = new AdminApiClient(target, token)) {
            return run(api, spec.commandLine().getOut());
        } catch (AdminApiException e) {
            throw failure(e);
        }
    }

    /** @return the exit code */
    abstract int run(AdminApiClient api, PrintWriter out);

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private URI target(Optional<SavedLogin> saved) {
        if (server != null) {
            try {
                return ServerUrl.parse(server);
            } catch (IllegalArgumentException e) {
                throw new CliFailure("--server: " + e.getMessage(), OneLineErrors.USAGE);
            }
        }
        return saved.map(SavedLogin::server).orElseThrow(() -> new CliFailure(
                "not logged in; run sluice login --server URL first (or pass --server URL and set " + TOKEN_VARIABLE + ")"));
    }

    static Optional<SavedLogin> readSaved(LoginFile file) {
        try {
            return file.read();
        } catch (IOException e) {
            throw new CliFailure(e.getMessage() + "; run sluice login again");
        }
    }

    /** For {@code sluice login}, which replaces the file anyway: an unreadable one counts as no login. */
    static Optional<SavedLogin> readSavedQuietly(LoginFile file) {
        try {
            return file.read();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The API's own sentence (made safe for a terminal: it may quote what a requester wrote), except for a refused
     * token, which only a new login mends.
     */
    static CliFailure failure(AdminApiException e) {
        if (e.status() == 401) {
            return new CliFailure(REFUSED);
        }
        return new CliFailure(TerminalText.line(e.getMessage()));
    }
}
