package dev.kizuna.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code kizuna} command line for analysts and operators. Exit codes: 0 done, 1 the data or a fit failed,
 * 2 the command was wrong (unknown option, missing file, impossible parameter).
 */
@Command(name = "kizuna", mixinStandardHelpOptions = true, versionProvider = KizunaCli.Version.class,
        description = "Kizuna CRM tools.", synopsisSubcommandLabel = "COMMAND", subcommands = {LtvCommand.class, ReplayCommand.class, ImportStoreSalesCommand.class,
                EvaluateRecommendationsCommand.class})
public final class KizunaCli implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Kizuna's error reporting: a {@link CliFailure} is one line on stderr and its exit code. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new KizunaCli());
        commandLine.setExecutionExceptionHandler((failure, failed, parseResult) -> {
            if (failure instanceof CliFailure cliFailure) {
                failed.getErr().println("kizuna: " + cliFailure.getMessage());
                return cliFailure.exitCode();
            }
            // A bug rather than a user's mistake: keep the trace for the report.
            failure.printStackTrace(failed.getErr());
            return ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KizunaCli.class.getPackage().getImplementationVersion();
            return new String[] {"kizuna " + (version == null ? "(development build)" : version)};
        }
    }
}
