package dev.sluice.app.cli;

/** A command failed for a reason the user should read; the message is the whole one-line explanation. */
final class CliFailure extends RuntimeException {

    private final int exitCode;

    CliFailure(String message) {
        this(message, OneLineErrors.FAILURE);
    }

    CliFailure(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
