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
                LoginCommand.class,
                LogoutCommand.class,
                ApprovalsCommand.class,
                AccessCommand.class,
                AuditCommand.class,
                VersionCommand.class,
                CommandLine.HelpCommand.class
        })
public final class SluiceCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What commands read besides their arguments; tests substitute their own. */
    private final CliEnvironment environment;

    private SluiceCli(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The environment of the {@code sluice} invocation that {@code command} belongs to. */
    static CliEnvironment environment(CommandLine.Model.CommandSpec command) {
        return ((SluiceCli) command.root().userObject()).environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try 'sluice --help')");
    }

    public static void main(String[] args) {
        configureLogging(args.length > 0 ? args[0] : "");
        System.exit(execute(args));
    }

    /**
     * Chooses the log layout before logback starts. The gateway logs JSON lines for shippers; the demo is read by a
     * person at a terminal, so text; every other command is a one-shot tool whose stdout belongs to its own output,
     * so only warnings, as text, on stderr. An operator's explicit choice of format always wins.
     */
    private static void configureLogging(String command) {
        boolean formatChosen = System.getProperty("sluice.log.format") != null || System.getenv("SLUICE_LOG_FORMAT") != null;
        boolean server = command.equals("gateway") || command.equals("demo");
        if (!server) {
            System.setProperty("sluice.log.level", "WARN");
            System.setProperty("sluice.log.target", "System.err");
        }
        if (!formatChosen && !command.equals("gateway")) {
            System.setProperty("sluice.log.format", "text");
        }
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /** Runs the CLI with its output captured (tests). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return execute(CliEnvironment.system(), out, err, args);
    }

    /** Runs the CLI with its output captured and its surroundings given (tests). */
    public static int execute(CliEnvironment environment, java.io.PrintWriter out, java.io.PrintWriter err,
                              String... args) {
        CommandLine cli = newCommandLine(environment);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine newCommandLine() {
        return newCommandLine(CliEnvironment.system());
    }

    static CommandLine newCommandLine(CliEnvironment environment) {
        CommandLine cli = new CommandLine(new SluiceCli(environment));
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new OneLineErrors());
        return cli;
    }
}
