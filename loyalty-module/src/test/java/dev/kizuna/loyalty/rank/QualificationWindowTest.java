package dev.kizuna.loyalty.rank;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class QualificationWindowTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void the_window_starts_at_midnight_shop_time_n_months_before_the_judgement_day_and_ends_at_the_judgement() {
        Instant asOf = Instant.parse("2026-06-30T18:00:00Z"); // 1 July 03:00 in Tokyo
        QualificationWindow w = QualificationWindow.of(asOf, 6, TOKYO);
        assertThat(w.lastDay()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(w.firstDay()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(w.from()).isEqualTo(Instant.parse("2025-12-31T15:00:00Z"));
        assertThat(w.to()).isEqualTo(asOf);
    }

    @Test
    void the_judgement_day_is_the_shop_local_date_not_utc() {
        // 23:30 UTC on 14 March is already 15 March in Tokyo
        QualificationWindow w = QualificationWindow.of(Instant.parse("2026-03-14T23:30:00Z"), 6, TOKYO);
        assertThat(w.lastDay()).isEqualTo(LocalDate.of(2026, 3, 15));
        assertThat(w.firstDay()).isEqualTo(LocalDate.of(2025, 9, 15));
    }

    @Test
    void month_ends_clamp() {
        assertThat(QualificationWindow.firstDay(LocalDate.of(2026, 8, 31), 6)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(QualificationWindow.firstDay(LocalDate.of(2028, 8, 31), 6)).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void the_first_judgement_day_without_a_day_is_exact_also_across_month_ends() {
        for (int months : new int[]{1, 3, 6, 12}) {
            for (LocalDate day = LocalDate.of(2025, 12, 1); day.isBefore(LocalDate.of(2027, 3, 1)); day = day.plusDays(1)) {
                LocalDate j = QualificationWindow.firstJudgementDayWithout(day, months);
                assertThat(QualificationWindow.firstDay(j, months)).as("%s, %d months", day, months).isAfter(day);
                assertThat(QualificationWindow.firstDay(j.minusDays(1), months)).as("%s, %d months", day, months)
                        .isBeforeOrEqualTo(day);
            }
        }
    }
}
