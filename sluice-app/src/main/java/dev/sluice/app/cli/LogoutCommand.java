package dev.sluice.app.cli;

import dev.sluice.app.api.LoginFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code sluice logout}: forgets the saved login. The token itself stays valid until it expires. */
@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "Remove the token sluice login saved (the token stays valid until it expires or is revoked).")
final class LogoutCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CliEnvironment environment = SluiceCli.environment(spec);
        LoginFile file = LoginFile.locate(environment.variables(), environment.userHome());
        if (file.delete()) {
            spec.commandLine().getOut().println("logged out (removed " + file.path() + ")");
        } else {
            spec.commandLine().getOut().println("not logged in (no " + file.path() + ")");
        }
        return 0;
    }
}
