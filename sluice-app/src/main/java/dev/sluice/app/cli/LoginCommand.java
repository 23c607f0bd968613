package dev.sluice.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.app.api.AdminApiClient;
import dev.sluice.app.api.AdminApiException;
import dev.sluice.app.api.LoginFile;
import dev.sluice.app.api.SavedLogin;
import dev.sluice.app.api.ServerUrl;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code sluice login}: checks a token against a gateway's admin API and keeps it for later commands. The token is
 * read from a file or standard input, never from the command line, where {@code ps} and shell history would show it.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Check a token with a gateway's admin API and save it for the approvals, access and "
                + "sessions kill commands.",
                "The token is read from --token-file or standard input (typed without echo at a terminal), never "
                        + "from the command line. It is saved in $SLUICE_HOME/credentials.json, or "
                        + "~/.config/sluice/credentials.json, readable by you only."})
final class LoginCommand implements Callable<Integer> {

    /** A token is a few KiB at most; anything longer is not a token. */
    private static final int MAX_TOKEN_BYTES = 64 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL",
            description = "The gateway's admin API, e.g. http://127.0.0.1:9090 (default: the one you last logged in to).")
    String server;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the token from FILE instead of stdin.")
    Path tokenFile;

    @Override
    public Integer call() throws IOException {
        CliEnvironment environment = SluiceCli.environment(spec);
        LoginFile file = LoginFile.locate(environment.variables(), environment.userHome());
        URI target = target(ApiCommand.readSavedQuietly(file));
        if (ServerUrl.exposesTokens(target)) {
            spec.commandLine().getErr().println("sluice: warning: " + target
                    + " is plain http to another host; your token crosses the network unencrypted");
        }
        String token = readToken(environment);
        JsonNode identity;
        try (AdminApiClient api = new AdminApiClient(target, token)) {
            identity = api.get("/api/v1/whoami");
        } catch (AdminApiException e) {
            if (e.status() == 401) {
                throw new CliFailure(target + " refused the token: " + TerminalText.line(e.getMessage()));
            }
            throw ApiCommand.failure(e);
        }
        file.write(new SavedLogin(target, token));
        spec.commandLine().getOut().println("logged in to " + target + " as " + describe(identity));
        spec.commandLine().getErr().println("token saved in " + file.path());
        return 0;
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
                "--server URL is required (the gateway's admin address, e.g. http://127.0.0.1:9090)",
                OneLineErrors.USAGE));
    }

    private String readToken(CliEnvironment environment) throws IOException {
        String token;
        if (tokenFile != null) {
            try {
                if (Files.size(tokenFile) > MAX_TOKEN_BYTES) {
                    throw new CliFailure(tokenFile + " is too large to hold a token");
                }
                token = Files.readString(tokenFile, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliFailure("token file " + tokenFile + " does not exist");
            }
        } else if (environment.console().isPresent()) {
            char[] typed = environment.console().get().readPassword("Token: ");
            token = typed == null ? "" : new String(typed);
        } else {
            token = readLimited(environment.stdin());
        }
        token = token.strip();
        if (token.isEmpty()) {
            throw new CliFailure(tokenFile != null ? "token file " + tokenFile + " is empty"
                    : "no token on standard input (pipe one in, or pass --token-file FILE)");
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            throw new CliFailure("that is not one token: it contains whitespace");
        }
        return token;
    }

    private static String readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_TOKEN_BYTES + 1);
        if (bytes.length > MAX_TOKEN_BYTES) {
            throw new CliFailure("standard input is too large to hold a token");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String describe(JsonNode identity) {
        String subject = TerminalText.line(identity.path("subject").asText());
        String name = TerminalText.line(identity.path("displayName").asText());
        List<String> details = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        identity.path("roles").forEach(r -> roles.add(TerminalText.line(r.asText())));
        details.add("roles: " + (roles.isEmpty() ? "none" : String.join(", ", roles)));
        List<String> groups = new ArrayList<>();
        identity.path("groups").forEach(g -> groups.add(TerminalText.line(g.asText())));
        details.add("groups: " + (groups.isEmpty() ? "none" : String.join(", ", groups)));
        String who = name.isEmpty() || name.equals(subject) ? subject : name + " <" + subject + ">";
        return who + " (" + String.join("; ", details) + ")";
    }
}
