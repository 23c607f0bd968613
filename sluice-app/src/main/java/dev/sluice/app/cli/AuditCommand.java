package dev.sluice.app.cli;

import dev.sluice.core.audit.ChainVerification;
import dev.sluice.store.Store;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code sluice audit verify}: proves the audit log's hash chain is intact, or names the first broken link. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Inspect the audit log.",
        subcommands = AuditCommand.Verify.class)
final class AuditCommand extends CommandGroup {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute every event's hash and link; exit 0 when the chain is intact, 3 when it is broken.")
    static final class Verify extends StoreCommand {

        static final int BROKEN = 3;

        @Override
        int run(Store store, PrintWriter out) {
            ChainVerification result = store.auditReader().verify();
            if (result.intact()) {
                out.printf("audit chain intact: %d events verified%n", result.eventsChecked());
                return 0;
            }
            err().printf("sluice: audit chain broken at seq %d: %s (%d events checked)%n",
                    result.firstBrokenSeq().orElseThrow(), result.problem(), result.eventsChecked());
            return BROKEN;
        }
    }
}
