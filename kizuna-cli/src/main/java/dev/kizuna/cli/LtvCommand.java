package dev.kizuna.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kizuna ltv}: predicted customer lifetime value with BG/NBD and Gamma-Gamma. */
@Command(name = "ltv", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Customer lifetime value: fit BG/NBD and Gamma-Gamma, or compute one customer's expectation.",
        subcommands = {LtvFitCommand.class, LtvExpectCommand.class})
final class LtvCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
