package dev.kizuna.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The log of {@code OfflineEvaluationTest} as a CSV: three customers bought sencha with a teapot, six yokan; J came
 * back for the teapot, K for a teacup nobody else bought, R for more yokan.
 */
class EvaluateRecommendationsCommandTest {
    static final String LOG = """
            customer,date,sku
            A1,2026-03-01,TEA
            A1,2026-03-01,POT
            A2,2026-03-01,TEA
            A2,2026-03-01,POT
            A3,20260301,TEA
            A3,20260301,POT
            S1,2026-03-01,SWEET
            S2,2026-03-01,SWEET
            S3,2026-03-01,SWEET
            S4,2026-03-01,SWEET
            S5,2026-03-01,SWEET
            J,2026-03-01,TEA
            "J","2026-04-01","POT"
            K,2026-03-01,BOOK
            K,2026-04-01,CUP
            R,2026-03-01,SWEET
            R,2026-04-01,SWEET
            """;

    @Test
    void prints_both_figures_of_the_recommendations_and_of_the_popular_baseline(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("log.csv"), LOG, StandardCharsets.UTF_8);
        CliRun run = CliRun.of("evaluate-recommendations", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.figure("purchases")).isEqualTo(17);
        assertThat(run.figure("customers_judged")).isEqualTo(2);
        assertThat(run.figure("customers_repeat_only")).isEqualTo(1);
        assertThat(run.figure("cooccurrence_hit_rate_at_10")).isCloseTo(0.5, offset(1e-9));
        assertThat(run.figure("cooccurrence_mrr_at_10")).isCloseTo(0.5, offset(1e-9));
        assertThat(run.figure("popular_hit_rate_at_10")).isCloseTo(0.5, offset(1e-9));
        assertThat(run.figure("popular_mrr_at_10")).isCloseTo(0.25, offset(1e-9));
    }

    @Test
    void a_malformed_line_fails_naming_it_unless_bad_lines_are_skipped(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("log.csv"), LOG + "Z,yesterday,TEA\n", StandardCharsets.UTF_8);
        CliRun failed = CliRun.of("evaluate-recommendations", file.toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("line 19", "not a date: yesterday");

        CliRun skipped = CliRun.of("evaluate-recommendations", "--skip-bad-lines", file.toString());
        assertThat(skipped.exitCode()).as(skipped.err()).isZero();
        assertThat(skipped.err()).contains("left out 1 malformed lines");
        assertThat(skipped.figure("purchases")).isEqualTo(17);
    }

    @Test
    void a_missing_file_is_a_usage_error(@TempDir Path dir) {
        CliRun run = CliRun.of("evaluate-recommendations", dir.resolve("none.csv").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot read");
    }
}
