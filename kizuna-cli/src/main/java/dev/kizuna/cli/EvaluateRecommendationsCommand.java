package dev.kizuna.cli;

import dev.kizuna.segment.recommend.OfflineEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code kizuna evaluate-recommendations FILE}: the offline evaluation of recommendations on a purchase log
 * ({@link OfflineEvaluation}): each customer's last purchase held out, hit rate@10 and MRR of "for you" against the
 * most-popular baseline, computed in the same run on the same split.
 */
@Command(name = "evaluate-recommendations", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Holds out each customer's last purchase, recommends from the rest and prints hit rate@10 and MRR@10 of",
            "the co-occurrence recommendations (alone and filled with popular products, as the shop serves them) and",
            "of the most popular products, one name=value line per figure.",
            "FILE is a CSV of customer,date,sku per line (date YYYY-MM-DD or YYYYMMDD, a header line is allowed; a",
            "customer's purchases of one day are one basket)."
        })
final class EvaluateRecommendationsCommand implements Callable<Integer> {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The purchase log (UTF-8 CSV: customer,date,sku).")
    Path file;

    @Option(names = "--min-support", paramLabel = "N", defaultValue = "2",
            description = "Baskets a pair must share to be neighbours (default: ${DEFAULT-VALUE}).")
    int minSupport;

    @Option(names = "--max-basket", paramLabel = "N", defaultValue = "50",
            description = "Baskets of more SKUs are left out of the pairs (default: ${DEFAULT-VALUE}).")
    int maxBasket;

    @Option(names = "--neighbours", paramLabel = "N", defaultValue = "20",
            description = "Neighbours kept per product (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--skip-bad-lines",
            description = "Leave malformed lines out (counted on stderr) instead of failing on the first one.")
    boolean skipBadLines;

    @Override
    public Integer call() {
        if (minSupport < 1 || maxBasket < 2 || neighbours < 1 || neighbours > 200) {
            throw CliFailure.inUsage("--min-support must be ≥ 1, --max-basket ≥ 2, --neighbours between 1 and 200");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<OfflineEvaluation.Purchase> log = read(err);
        if (log.isEmpty()) {
            throw CliFailure.inData(file + " holds no purchase");
        }
        OfflineEvaluation.Result r = new OfflineEvaluation(minSupport, maxBasket, neighbours).evaluate(log);
        Figures figures = new Figures(spec.commandLine().getOut());
        figures.print("purchases", log.size());
        figures.print("products", r.products());
        figures.print("customers_judged", r.judged());
        figures.print("customers_repeat_only", r.repeatOnly());
        figures.print("customers_single_purchase", r.single());
        figures.print("cooccurrence_hit_rate_at_10", r.coOccurrence().hitRate());
        figures.print("cooccurrence_mrr_at_10", r.coOccurrence().mrr());
        figures.print("served_hit_rate_at_10", r.served().hitRate());
        figures.print("served_mrr_at_10", r.served().mrr());
        figures.print("popular_hit_rate_at_10", r.popular().hitRate());
        figures.print("popular_mrr_at_10", r.popular().mrr());
        if (r.judged() == 0) {
            err.println("kizuna: no customer has a new product in a later purchase: nothing to judge");
        }
        return 0;
    }

    private List<OfflineEvaluation.Purchase> read(PrintWriter err) {
        List<OfflineEvaluation.Purchase> out = new ArrayList<>();
        long skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(parse(line));
                } catch (IllegalArgumentException e) {
                    if (number == 1) {
                        continue; // a header
                    }
                    if (!skipBadLines) {
                        throw CliFailure.inData(file + " line " + number + ": " + e.getMessage());
                    }
                    skipped++;
                }
            }
        } catch (IOException e) {
            throw CliFailure.inUsage("cannot read " + file + ": " + e.getMessage());
        }
        if (skipped > 0) {
            err.println("kizuna: left out " + skipped + " malformed lines");
        }
        return out;
    }

    static OfflineEvaluation.Purchase parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 3) {
            throw new IllegalArgumentException("expected customer,date,sku, found " + f.length + " fields");
        }
        String customer = unquote(f[0]);
        String sku = unquote(f[2]);
        if (customer.isEmpty() || sku.isEmpty()) {
            throw new IllegalArgumentException("customer and sku must not be empty");
        }
        String day = unquote(f[1]);
        LocalDate date;
        try {
            date = day.length() == 8 ? LocalDate.parse(day, BASIC) : LocalDate.parse(day.length() > 10
                    ? day.substring(0, 10) : day);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date: " + day);
        }
        return new OfflineEvaluation.Purchase(customer, date, sku);
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).strip() : t;
    }
}
