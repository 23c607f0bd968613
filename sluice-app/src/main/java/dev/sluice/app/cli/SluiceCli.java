package dev.sluice.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sluice} command. Every subcommand has {@code --help}; on failure it prints one line,
 * {@code sluice: <reason>}, to stderr and exits non-zero.
 */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Identity-aware data-path gateway: masks, guards and records what people and agents do in your databases.",
        subcommands = {
                GatewayCommand.class,
                DemoCommand.class,
                ConfigCommand.class,
                TokenCommand.class,
                ApiKeyCommand.class,
                SessionsCommand.class,
                AuditCommand.class,
                VersionCommand.class,
                CommandLine.HelpCommand.class
        })
public final class SluiceCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try 'sluice --help')");
    }

    public static void main(String[] args) {
        // The demo is read by a person at a terminal: human-readable log lines unless the operator chose a format.
        boolean demo = args.length > 0 && args[0].equals("demo");
        if (demo && System.getProperty("sluice.log.format") == null && System.getenv("SLUICE_LOG_FORMAT") == null) {
            System.setProperty("sluice.log.format", "text");
        }
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /** Runs the CLI with its output captured (tests). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = newCommandLine();
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new SluiceCli());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new OneLineErrors());
        return cli;
    }
}
