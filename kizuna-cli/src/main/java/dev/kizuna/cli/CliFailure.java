package dev.kizuna.cli;

import picocli.CommandLine.ExitCode;

/** Why a command cannot finish, said to the user in one line, and the exit code that goes with it. */
final class CliFailure extends RuntimeException {
    private final int exitCode;

    private CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The data cannot be used or a fit failed: exit code 1. */
    static CliFailure inData(String message) {
        return new CliFailure(ExitCode.SOFTWARE, message);
    }

    /** The command asked for something impossible (a missing file, a parameter out of range): exit code 2. */
    static CliFailure inUsage(String message) {
        return new CliFailure(ExitCode.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
