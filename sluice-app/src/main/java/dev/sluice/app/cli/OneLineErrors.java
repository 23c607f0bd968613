package dev.sluice.app.cli;

import picocli.CommandLine;

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
        cli.getErr().println("sluice: " + ex.getMessage() + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
        return USAGE;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = ex.getCause();
            return cause != null && cause != ex ? describe(cause) : ex.getClass().getSimpleName();
        }
        return message;
    }
}
