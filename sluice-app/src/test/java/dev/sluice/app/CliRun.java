package dev.sluice.app;

import dev.sluice.app.cli.SluiceCli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one in-process {@code sluice ...} invocation. */
record CliRun(int exitCode, String out, String err) {

    /** Runs with the given environment (e.g. SLUICE_HOME for the CLI's saved login) and working directory. */
    static CliRun withEnvironment(java.util.Map<String, String> env, java.nio.file.Path workingDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCli.execute(dev.sluice.app.cli.CliEnvironment.of(env,
                new java.io.ByteArrayInputStream(new byte[0]), workingDir), new PrintWriter(out), new PrintWriter(err),
                args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
