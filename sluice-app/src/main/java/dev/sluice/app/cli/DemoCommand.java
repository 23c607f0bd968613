package dev.sluice.app.cli;

import dev.sluice.app.DemoRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sluice demo}: a real PostgreSQL with synthetic clinic data, the gateway in front of it, a token, and a
 * psql command to paste. Runs until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a self-contained demo: embedded PostgreSQL with synthetic patients, Sluice in front, a token.")
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "6432", description = "Gateway port for PostgreSQL clients (default 6432).")
    int port;

    @Option(names = "--admin-port", defaultValue = "9090", description = "Admin HTTP port (default 9090).")
    int adminPort;

    @Option(names = "--data-dir", defaultValue = ".sluice/demo",
            description = "Where the demo keeps its database, audit store and keys (default .sluice/demo).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Starting the Sluice demo (embedded PostgreSQL + synthetic clinic data)...");
        out.flush();
        DemoRunner.RunningDemo demo;
        try {
            demo = DemoRunner.start(dataDir, port, adminPort);
        } catch (BindException e) {
            throw new CliFailure("a demo port is already in use (" + e.getMessage()
                    + "); pass --port and --admin-port to choose others");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "sluice-demo-shutdown"));
        String config = relative(demo.configFile());
        out.printf("""

                Sluice is running.
                  PostgreSQL clients  127.0.0.1:%d  (connection "%s": synthetic patients and visits)
                  Admin / metrics     http://127.0.0.1:%d/metrics
                  Signed in as        %s (group %s); the token below is valid for 8 hours

                Try it:
                  PGPASSWORD='%s' \\
                    psql "host=127.0.0.1 port=%d dbname=%s user=alice sslmode=disable" \\
                    -c 'select mrn, first_name, last_name, date_of_birth from patients limit 5'

                Guardrails: a DELETE without WHERE is refused, and the session carries on; a TRUNCATE waits
                for a reviewer (the NOTICE names the request):
                  PGPASSWORD='%s' \\
                    psql "host=127.0.0.1 port=%d dbname=%s user=alice sslmode=disable" -c 'truncate visits'
                Approve it from another terminal, as the demo reviewer:
                  ./sluice login --server http://127.0.0.1:%d --token-file %s
                  ./sluice approvals list
                  ./sluice approvals approve <REQUEST>

                Then see what the gateway recorded:
                  ./sluice sessions list --config %s
                  ./sluice sessions replay <SESSION> --config %s
                  ./sluice audit verify --config %s

                Ctrl-C stops the gateway and the database.
                """, demo.port(), DemoRunner.CONNECTION, demo.gateway().adminPort().orElse(adminPort),
                DemoRunner.DEMO_USER, DemoRunner.DEMO_GROUP, demo.token(), demo.port(), DemoRunner.CONNECTION,
                demo.token(), demo.port(), DemoRunner.CONNECTION, demo.gateway().adminPort().orElse(adminPort),
                relative(demo.configFile().resolveSibling(DemoRunner.REVIEWER_TOKEN_FILE)), config, config, config);
        out.flush();
        demo.gateway().awaitStopped();
        return 0;
    }

    private static String relative(Path file) {
        return Path.of("").toAbsolutePath().relativize(file).toString();
    }
}
