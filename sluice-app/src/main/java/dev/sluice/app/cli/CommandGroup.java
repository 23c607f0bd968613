package dev.sluice.app.cli;

import picocli.CommandLine;

/** A command that only groups subcommands ({@code sluice audit}): run on its own, it is a usage error naming them. */
abstract class CommandGroup implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }
}
