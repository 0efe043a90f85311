package dev.kizuna.segment.ltv;

import dev.kizuna.core.errors.InvalidInput;
import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerSummaryTest {

    @Test
    void a_consistent_summary_is_kept_as_given() {
        CustomerSummary customer = CustomerSummary.of(2, 30.43, 38.86, 22.35);
        assertThat(customer.frequency()).isEqualTo(2);
        assertThat(customer.recency()).isEqualTo(30.43);
        assertThat(customer.age()).isEqualTo(38.86);
        assertThat(customer.monetary()).hasValue(22.35);
        assertThat(customer.hasRepeatSpend()).isTrue();
        assertThat(CustomerSummary.of(0, 0, 38.86).hasRepeatSpend()).isFalse();
        assertThat(CustomerSummary.of(0, 0, 38.86, 0).hasRepeatSpend()).isFalse();
        assertThat(CustomerSummary.of(3, 1, 2).hasRepeatSpend()).isFalse();
    }

    @Test
    void negative_frequency_is_refused_naming_the_field() {
        assertRefused(() -> CustomerSummary.of(-1, 0, 10), "frequency");
    }

    @Test
    void recency_beyond_age_is_refused_naming_recency() {
        assertRefused(() -> CustomerSummary.of(2, 10.5, 10), "recency");
        assertRefused(() -> CustomerSummary.of(2, -0.1, 10), "recency");
        assertRefused(() -> CustomerSummary.of(2, Double.NaN, 10), "recency");
    }

    @Test
    void a_customer_without_repeat_purchases_has_recency_zero() {
        assertRefused(() -> CustomerSummary.of(0, 3, 10), "recency");
        assertThat(CustomerSummary.of(0, 0, 10).recency()).isZero();
    }

    @Test
    void age_must_be_a_finite_number_of_weeks() {
        assertRefused(() -> CustomerSummary.of(0, 0, -1), "age");
        assertRefused(() -> CustomerSummary.of(0, 0, Double.POSITIVE_INFINITY), "age");
    }

    @Test
    void spend_must_be_a_finite_amount_and_zero_without_repeat_purchases() {
        assertRefused(() -> CustomerSummary.of(1, 1, 2, -5), "monetary");
        assertRefused(() -> CustomerSummary.of(1, 1, 2, Double.NaN), "monetary");
        assertRefused(() -> CustomerSummary.of(0, 0, 2, 12.5), "monetary");
        assertRefused(() -> new CustomerSummary(1, 1, 2, null), "monetary");
        assertThat(new CustomerSummary(1, 1, 2, OptionalDouble.empty()).monetary()).isEmpty();
    }

    static void assertRefused(Runnable creation, String field) {
        assertThatThrownBy(creation::run)
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }
}
