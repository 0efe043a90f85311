package dev.kizuna.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class LtvExpectCommandTest {
    private static final String[] PUBLISHED = {"--r", "0.243", "--alpha", "4.414", "--a", "0.793", "--b", "2.426"};

    /** Fader, Hardie and Lee (2005): the customer with x = 2, t_x = 30.43, T = 38.86 makes 1.226 purchases in 39 weeks. */
    @Test
    void reproduces_the_papers_conditional_expectation() {
        CliRun run = expect("--x", "2", "--tx", "30.43", "--T", "38.86", "--horizon", "39");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.figures().keySet()).containsExactly("expected", "p_alive");
        assertThat(run.figure("expected")).isCloseTo(1.226, offset(0.0005));
        assertThat(run.figure("p_alive")).isCloseTo(0.7266, offset(0.00005));
    }

    @Test
    void a_customer_without_repeat_purchases_is_alive_for_the_model() {
        CliRun run = expect("--x", "0", "--T", "38.86", "--horizon", "39");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.figure("p_alive")).isEqualTo(1.0);
        assertThat(run.figure("expected")).isPositive().isLessThan(run.figure("p_alive"));
    }

    @Test
    void an_impossible_history_is_refused_naming_the_option() {
        CliRun run = expect("--x", "2", "--tx", "40", "--T", "38.86", "--horizon", "39");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--tx: must not exceed age T");
    }

    @Test
    void a_non_positive_parameter_is_refused_naming_the_option() {
        CliRun run = CliRun.of("ltv", "expect", "--r", "0.243", "--alpha", "-4", "--a", "0.793", "--b", "2.426",
                "--x", "2", "--tx", "30.43", "--T", "38.86", "--horizon", "39");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--alpha: must be a finite number > 0");
    }

    @Test
    void a_missing_option_is_a_usage_error() {
        CliRun run = CliRun.of("ltv", "expect", "--r", "0.243");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options");
    }

    private static CliRun expect(String... customer) {
        String[] args = new String[2 + PUBLISHED.length + customer.length];
        args[0] = "ltv";
        args[1] = "expect";
        System.arraycopy(PUBLISHED, 0, args, 2, PUBLISHED.length);
        System.arraycopy(customer, 0, args, 2 + PUBLISHED.length, customer.length);
        return CliRun.of(args);
    }
}
