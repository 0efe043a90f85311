package dev.kizuna.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@code kizuna ltv fit} on the CDNOW data of Fader, Hardie and Lee (2005): BG/NBD r = 0.243, α = 4.414,
 * a = 0.793, b = 2.426 (LL −9582.4) on the 2,357 customers of the 1/10 sample, and Gamma-Gamma p = 6.25, q = 3.74,
 * γ = 15.44 on its 946 repeat buyers (Fader and Hardie 2013).
 */
class LtvFitCommandTest {
    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final LocalDate AFTER_CALIBRATION = LocalDate.of(1998, 1, 15);

    @TempDir
    Path dir;

    @Test
    void fits_the_published_bg_nbd_parameters_on_the_summary_csv() {
        CliRun run = CliRun.of("ltv", "fit", "--input", CliRun.cdnow("cdnow_customers_summary.csv").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.figures().keySet()).containsExactly("customers", "r", "alpha", "a", "b", "loglik");
        assertPublishedBgNbd(run);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void fits_gamma_gamma_too_when_the_summaries_carry_spend() {
        CliRun run = CliRun.of("ltv", "fit", "--input",
                CliRun.cdnow("cdnow_customers_summary_with_transactions.csv").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.figures().keySet())
                .containsExactly("customers", "r", "alpha", "a", "b", "loglik", "p", "q", "gamma", "gg_loglik");
        assertPublishedBgNbd(run);
        assertPublishedGammaGamma(run);
    }

    /**
     * The sample's histories written back as a purchase log in CDNOW's layout, each customer also buying after the
     * calibration period: with {@code --calibration-end} the later purchases do not count and T runs to that day,
     * so the fit is the published one again.
     */
    @Test
    void a_purchase_log_cut_at_the_calibration_end_gives_the_published_fits() throws IOException {
        Path log = sampleAsPurchaseLog();

        CliRun run = CliRun.of("ltv", "fit", "--input", log.toString(), "--calibration-end", CALIBRATION_END.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertPublishedBgNbd(run);
        assertPublishedGammaGamma(run);
    }

    @Test
    void without_a_calibration_end_the_whole_log_counts() throws IOException {
        Path log = sampleAsPurchaseLog();

        CliRun run = CliRun.of("ltv", "fit", "--input", log.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.figure("customers")).isEqualTo(2357);
        // every customer bought once more, on the last day of the log: no one looks lapsed any more
        assertThat(significant(run.figure("r"))).isNotEqualTo(0.243);
        assertThat(run.figure("loglik")).isNotCloseTo(-9582.4, offset(1.0));
    }

    /** Comma-separated, ISO dates, no quantity column: the same customers as their summary table. */
    @Test
    void reads_a_comma_separated_log_with_iso_dates_like_its_summaries() throws IOException {
        Path log = Files.writeString(dir.resolve("orders.csv"), """
                customer,day,amount
                c1,2025-01-06,30
                c1,2025-01-06,10
                c1,2025-01-20,20
                c1,2025-02-03,40
                c2,2025-01-13,15
                c2,2025-03-03,25
                c3,2025-02-17,50
                c4,2025-01-06,12
                c4,2025-01-27,8
                c4,2025-02-10,16
                c4,2025-03-24,12
                c5,2025-03-10,5
                """);
        // weeks to 2025-03-31: c1 x=2 tx=4 T=12, zbar 30; c2 x=1 tx=7 T=11, zbar 25; c3 x=0 T=6;
        // c4 x=3 tx=11 T=12, zbar 12; c5 x=0 T=3
        Path summaries = Files.writeString(dir.resolve("summaries.csv"), """
                id,x,t_x,T,zbar
                c1,2,4,12,30
                c2,1,7,11,25
                c3,0,0,6,0
                c4,3,11,12,12
                c5,0,0,3,0
                """);

        CliRun fromLog = CliRun.of("ltv", "fit", "--input", log.toString(), "--calibration-end", "2025-03-31");
        CliRun fromSummaries = CliRun.of("ltv", "fit", "--input", summaries.toString());

        assertThat(fromLog.exitCode()).as(fromLog.err()).isZero();
        assertThat(fromLog.figure("customers")).isEqualTo(5);
        assertThat(fromLog.out()).isEqualTo(fromSummaries.out());
    }

    @Test
    void a_malformed_line_fails_the_run_with_its_line_number() throws IOException {
        Path log = Files.writeString(dir.resolve("log.txt"), """
                 00001 19970101  1   11.77
                 00002 19970112  1   12.00
                 00002 19970231  5   77.00
                 00003 19970102  2   20.76
                """);

        CliRun run = CliRun.of("ltv", "fit", "--input", log.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("line 3").contains("19970231").contains("is not a date");
    }

    @Test
    void a_malformed_first_line_is_reported_not_taken_for_a_header() throws IOException {
        Path log = Files.writeString(dir.resolve("log.txt"), """
                 00001 19970101  1   11.77$
                 00001 19970112  1   12.00
                """);

        CliRun run = CliRun.of("ltv", "fit", "--input", log.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 1: amount: '11.77$' is not a number");
    }

    @Test
    void a_malformed_summary_names_its_line_and_column() throws IOException {
        Path table = Files.writeString(dir.resolve("summaries.csv"), """
                ID,frequency,recency,T
                1,2,30.43,38.86
                2,1,40.00,38.86
                """);

        CliRun run = CliRun.of("ltv", "fit", "--input", table.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("line 3: recency: must not exceed age T");
    }

    @Test
    void skip_bad_lines_fits_on_the_rest_and_says_how_many_it_skipped() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(sampleAsPurchaseLog()));
        int good = lines.size();
        lines.add(5, " 00002 1997-13-01  1   12.00");
        lines.add(9, " 00003 19970102  two  20.76");
        lines.add(20, " 00004 19970102");
        Path log = Files.write(dir.resolve("with-bad-lines.txt"), lines);

        CliRun failing = CliRun.of("ltv", "fit", "--input", log.toString(), "--calibration-end", "1997-09-30");
        CliRun skipping = CliRun.of("ltv", "fit", "--input", log.toString(), "--calibration-end", "1997-09-30",
                "--skip-bad-lines");

        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.err()).contains("line 6:");
        assertThat(skipping.exitCode()).as(skipping.err()).isZero();
        assertThat(skipping.err())
                .contains("line 6: date: '1997-13-01'")
                .contains("line 10: quantity: 'two' is not a number")
                .contains("line 21: expected 3 or 4 columns")
                .contains("skipped 3 malformed lines");
        assertThat(lines).hasSize(good + 3);
        assertPublishedBgNbd(skipping);
    }

    @Test
    void calibration_end_does_not_apply_to_summaries() {
        CliRun run = CliRun.of("ltv", "fit", "--input", CliRun.cdnow("cdnow_customers_summary.csv").toString(),
                "--calibration-end", "1997-09-30");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--calibration-end applies to purchase logs");
    }

    @Test
    void a_missing_file_is_a_usage_error() {
        CliRun run = CliRun.of("ltv", "fit", "--input", dir.resolve("nothing-here.txt").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("input file not found");
    }

    @Test
    void a_base_without_repeat_purchases_cannot_be_fitted() throws IOException {
        Path log = Files.writeString(dir.resolve("one-offs.txt"), "a 20250101 10\nb 20250105 12\n");

        CliRun run = CliRun.of("ltv", "fit", "--input", log.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("BG/NBD fit failed").contains("repeat purchase");
    }

    private static void assertPublishedBgNbd(CliRun run) {
        assertThat(run.figure("customers")).isEqualTo(2357);
        assertThat(significant(run.figure("r"))).isEqualTo(0.243);
        assertThat(significant(run.figure("alpha"))).isEqualTo(4.41);
        assertThat(significant(run.figure("a"))).isEqualTo(0.793);
        assertThat(significant(run.figure("b"))).isEqualTo(2.43);
        assertThat(run.figure("loglik")).isCloseTo(-9582.4, offset(0.1));
    }

    private static void assertPublishedGammaGamma(CliRun run) {
        assertThat(significant(run.figure("p"))).isEqualTo(6.25);
        assertThat(significant(run.figure("q"))).isEqualTo(3.74);
        assertThat(significant(run.figure("gamma"))).isEqualTo(15.4);
        assertThat(run.figure("gamma")).isCloseTo(15.44, offset(0.01));
    }

    static double significant(double value) {
        return new BigDecimal(value).round(new MathContext(3)).doubleValue();
    }

    /**
     * Each sample customer (x, t_x, T, z̄) as purchases: the first T·7 days before the calibration end (two orders
     * that day, which count once), x repeat days ending t_x·7 days after it, each spending z̄ (one of them split into
     * two orders the same day), and one more purchase after the calibration period.
     */
    private Path sampleAsPurchaseLog() throws IOException {
        DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
        List<String> lines = new ArrayList<>();
        lines.add(" customer_id  date number_of_cds  dollar_value");
        try (BufferedReader in = Files.newBufferedReader(CliRun.cdnow("cdnow_customers_summary_with_transactions.csv"))) {
            in.readLine();
            for (String row = in.readLine(); row != null; row = in.readLine()) {
                String[] f = row.split(",");
                String id = String.format(Locale.ROOT, "%05d", Integer.parseInt(f[0]));
                int x = Integer.parseInt(f[1]);
                long lastDay = Math.round(Double.parseDouble(f[2]) * 7);
                LocalDate first = CALIBRATION_END.minusDays(Math.round(Double.parseDouble(f[3]) * 7));
                double zbar = Double.parseDouble(f[4]);
                lines.add(" " + id + " " + first.format(basic) + " 1 9.99");
                lines.add(" " + id + " " + first.format(basic) + " 2 31.50");
                for (int k = 1; k <= x; k++) {
                    // days 1 … x−1 after the first purchase, then the last one at t_x
                    LocalDate day = first.plusDays(k == x ? lastDay : k);
                    if (k == 1 && x > 1) {
                        lines.add(String.format(Locale.ROOT, " %s %s 1 %.4f", id, day.format(basic), zbar / 3));
                        lines.add(String.format(Locale.ROOT, " %s %s 1 %.4f", id, day.format(basic), zbar * 2 / 3));
                    } else {
                        lines.add(String.format(Locale.ROOT, " %s %s 1 %.4f", id, day.format(basic), zbar));
                    }
                }
                lines.add(" " + id + " " + AFTER_CALIBRATION.format(basic) + " 1 15.00");
            }
        }
        return Files.write(dir.resolve("cdnow-sample-log.txt"), lines);
    }
}
