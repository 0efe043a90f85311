package dev.kizuna.loyalty.birthday;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class BirthdayCalendarTest {

    @Test
    void seven_days_ahead_without_catch_up_is_one_day() {
        assertThat(BirthdayCalendar.due(LocalDate.of(2026, 6, 10), 7, 0))
                .containsExactly(new BirthdayCalendar.Due(617, LocalDate.of(2026, 6, 17)));
    }

    @Test
    void the_29th_of_february_joins_the_28th_outside_leap_years_only() {
        assertThat(BirthdayCalendar.due(LocalDate.of(2027, 2, 21), 7, 0)).containsExactly(
                new BirthdayCalendar.Due(228, LocalDate.of(2027, 2, 28)), new BirthdayCalendar.Due(229, LocalDate.of(2027, 2, 28)));
        assertThat(BirthdayCalendar.due(LocalDate.of(2028, 2, 21), 7, 0))
                .containsExactly(new BirthdayCalendar.Due(228, LocalDate.of(2028, 2, 28)));
        assertThat(BirthdayCalendar.due(LocalDate.of(2028, 2, 22), 7, 0))
                .containsExactly(new BirthdayCalendar.Due(229, LocalDate.of(2028, 2, 29)));
    }

    @Test
    void late_december_serves_early_january_of_the_next_year() {
        assertThat(BirthdayCalendar.due(LocalDate.of(2026, 12, 27), 7, 1)).containsExactly(
                new BirthdayCalendar.Due(102, LocalDate.of(2027, 1, 2)), new BirthdayCalendar.Due(103, LocalDate.of(2027, 1, 3)));
        assertThat(BirthdayCalendar.due(LocalDate.of(2026, 12, 27), 7, 0).get(0).birthdayYear()).isEqualTo(2027);
    }

    @Test
    void catch_up_never_reaches_before_today() {
        assertThat(BirthdayCalendar.due(LocalDate.of(2026, 6, 10), 1, 5)).extracting(BirthdayCalendar.Due::monthDay)
                .containsExactly(610, 611);
    }
}
