package dev.sluice.app.cli;

import dev.sluice.core.audit.ChainVerification;
import dev.sluice.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code sluice audit verify}: proves the audit log's hash chain is intact, or names the first broken link. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Inspect the audit log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (try 'sluice audit verify')");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute every event's hash and link; exit 0 when the chain is intact, 3 when it is broken.")
    static final class Verify implements Callable<Integer> {

        static final int BROKEN = 3;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            try (Store store = config.openStore()) {
                ChainVerification result = store.auditReader().verify();
                if (result.intact()) {
                    spec.commandLine().getOut().printf("audit chain intact: %d events verified%n", result.eventsChecked());
                    return 0;
                }
                spec.commandLine().getErr().printf("sluice: audit chain broken at seq %d: %s (%d events checked)%n",
                        result.firstBrokenSeq().orElseThrow(), result.problem(), result.eventsChecked());
                return BROKEN;
            }
        }
    }
}
