package dev.kizuna.cli;

import dev.kizuna.segment.ltv.BgNbdFit;
import dev.kizuna.segment.ltv.BgNbdFitter;
import dev.kizuna.segment.ltv.CustomerSummary;
import dev.kizuna.segment.ltv.GammaGammaFit;
import dev.kizuna.segment.ltv.GammaGammaFitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code kizuna ltv fit}: maximum-likelihood BG/NBD (and Gamma-Gamma when amounts are known) on a file. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Fits BG/NBD, and Gamma-Gamma when the file has amounts, on a purchase log or customer summaries.",
            "Prints one name=value line per figure: customers, r, alpha, a, b, loglik, then p, q, gamma, gg_loglik.",
            "FILE is a purchase log (customer_id date [quantity] amount per line, date YYYYMMDD or YYYY-MM-DD, "
                    + "like CDNOW_master.txt) or a CSV of customer summaries whose header names frequency (or x), "
                    + "recency (or t_x), T and optionally monetary (or zbar). Times are in weeks."
        })
final class LtvFitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Purchase log or summary CSV.")
    Path input;

    @Option(names = "--calibration-end", paramLabel = "YYYY-MM-DD",
            description = "Purchase logs only: the last day counted; T runs to it. Default: the last day in the file.")
    LocalDate calibrationEnd;

    @Option(names = "--skip-bad-lines",
            description = "Leave malformed lines out (counted on stderr) instead of failing on the first one.")
    boolean skipBadLines;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        CustomerFile.Contents contents = CustomerFile.read(input, calibrationEnd, skipBadLines);
        CustomerFile.reportSkipped(contents.skipped(), err);
        List<CustomerSummary> customers = contents.customers();

        Figures figures = new Figures(spec.commandLine().getOut());
        BgNbdFit purchases = fitting("BG/NBD", () -> BgNbdFitter.fit(customers));
        figures.print("customers", customers.size());
        figures.print("r", purchases.model().r());
        figures.print("alpha", purchases.model().alpha());
        figures.print("a", purchases.model().a());
        figures.print("b", purchases.model().b());
        figures.print("loglik", purchases.logLikelihood());

        if (contents.spendKnown()) {
            if (customers.stream().noneMatch(CustomerSummary::hasRepeatSpend)) {
                err.println("kizuna: no Gamma-Gamma fit: no customer has repeat purchases with a positive spend");
            } else {
                GammaGammaFit spend = fitting("Gamma-Gamma", () -> GammaGammaFitter.fit(customers));
                figures.print("p", spend.model().p());
                figures.print("q", spend.model().q());
                figures.print("gamma", spend.model().gamma());
                figures.print("gg_loglik", spend.logLikelihood());
            }
        }
        return 0;
    }

    private static <T> T fitting(String model, Supplier<T> fit) {
        try {
            return fit.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw CliFailure.inData(model + " fit failed: " + e.getMessage());
        }
    }
}
