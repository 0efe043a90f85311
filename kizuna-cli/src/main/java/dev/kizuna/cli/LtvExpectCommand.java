package dev.kizuna.cli;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.segment.ltv.BgNbdModel;
import dev.kizuna.segment.ltv.CustomerSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kizuna ltv expect}: one customer's expected purchases and P(alive) under given BG/NBD parameters. */
@Command(name = "expect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Prints expected=<purchases expected in the next HORIZON weeks> and p_alive=<probability the customer "
                    + "is still active> for a customer with X repeat purchases, the last at TX, observed for T weeks."
        })
final class LtvExpectCommand implements Callable<Integer> {
    /** The options that carry each figure the domain may refuse. */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of(
            "r", "--r", "alpha", "--alpha", "a", "--a", "b", "--b",
            "frequency", "--x", "recency", "--tx", "age", "--T", "horizon", "--horizon");

    @Spec
    CommandSpec spec;

    @Option(names = "--r", required = true, description = "BG/NBD r.")
    double r;

    @Option(names = "--alpha", required = true, description = "BG/NBD alpha (weeks).")
    double alpha;

    @Option(names = "--a", required = true, description = "BG/NBD a.")
    double a;

    @Option(names = "--b", required = true, description = "BG/NBD b.")
    double b;

    @Option(names = "--x", required = true, paramLabel = "X", description = "Repeat purchases.")
    int x;

    @Option(names = "--tx", paramLabel = "TX", defaultValue = "0",
            description = "Weeks from the first purchase to the last one (default: ${DEFAULT-VALUE}).")
    double tx;

    @Option(names = "--T", required = true, paramLabel = "T", description = "Weeks since the first purchase.")
    double age;

    @Option(names = "--horizon", required = true, paramLabel = "HORIZON", description = "Weeks ahead.")
    double horizon;

    @Override
    public Integer call() {
        double expected;
        double alive;
        try {
            BgNbdModel model = new BgNbdModel(r, alpha, a, b);
            CustomerSummary customer = CustomerSummary.of(x, tx, age);
            expected = model.expectedPurchases(customer, horizon);
            alive = model.probabilityAlive(customer);
        } catch (InvalidInput e) {
            throw CliFailure.inUsage(OPTION_OF_FIELD.getOrDefault(e.field(), e.field()) + ": " + e.reason());
        } catch (ArithmeticException e) {
            throw CliFailure.inData(e.getMessage());
        }
        Figures figures = new Figures(spec.commandLine().getOut());
        figures.print("expected", expected);
        figures.print("p_alive", alive);
        return 0;
    }
}
