package dev.sluice.app.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns any failure into one line on stderr and a non-zero exit code. Stack traces are for logs, not for people
 * at a terminal; set {@code SLUICE_DEBUG=1} to see them.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
        if (System.getenv("SLUICE_DEBUG") != null) {
            ex.printStackTrace(cli.getErr());
        }
        cli.getErr().println("sluice: " + describe(ex));
        return ex instanceof CliFailure failure ? failure.exitCode() : FAILURE;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        String message = ex instanceof CommandLine.UnmatchedArgumentException unmatched
                ? unmatched(unmatched.getUnmatched()) : ex.getMessage();
        cli.getErr().println("sluice: " + message + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
        return USAGE;
    }

    /**
     * What was not understood, without echoing values: someone who types {@code --token eyJ…} or pastes a key where
     * a word belongs must not see the secret repeated on the terminal (and in its scrollback and CI logs). Option
     * names and short words are shown; anything else is only counted.
     */
    static String unmatched(List<String> arguments) {
        List<String> shown = new ArrayList<>();
        int hidden = 0;
        for (String argument : arguments) {
            String name = argument.startsWith("-") && argument.contains("=")
                    ? argument.substring(0, argument.indexOf('=')) : argument;
            if (SHOWABLE.matcher(name).matches()) {
                shown.add("'" + name + "'");
            } else {
                hidden++;
            }
        }
        String text = shown.isEmpty() ? "" : "unknown option or argument " + String.join(", ", shown);
        if (hidden > 0) {
            text += (text.isEmpty() ? "" : ", and ") + hidden + " more argument" + (hidden == 1 ? "" : "s")
                    + " not shown (it may be a secret)";
        }
        return text;
    }

    private static final Pattern SHOWABLE = Pattern.compile("-{0,2}[A-Za-z][A-Za-z0-9-]{0,31}");

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = ex.getCause();
            return cause != null && cause != ex ? describe(cause) : ex.getClass().getSimpleName();
        }
        return message;
    }
}
