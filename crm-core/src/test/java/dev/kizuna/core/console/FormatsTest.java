package dev.kizuna.core.console;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Days as the reader writes them, in the shop's zone, whatever form the day arrives in. */
class FormatsTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final Formats JA = new Formats(Locale.JAPANESE, TOKYO, Currency.getInstance("JPY"));
    static final Formats EN = new Formats(Locale.ENGLISH, TOKYO, Currency.getInstance("JPY"));

    @Test
    void an_instant_just_after_midnight_in_tokyo_is_that_day_not_the_day_before_in_utc() {
        Instant at = Instant.parse("2026-12-21T15:20:00Z");
        assertThat(JA.date(at)).isEqualTo("2026年12月22日");
        assertThat(EN.dateTime(at)).isEqualTo("Dec 22, 2026 00:20");
    }

    @Test
    void a_day_stored_as_iso_text_is_written_the_readers_way_and_other_text_is_left_as_it_is() {
        assertThat(JA.date("1988-12-09")).isEqualTo("1988年12月9日");
        assertThat(EN.date("1988-12-09")).isEqualTo("Dec 9, 1988");
        assertThat(JA.date("••••-••-••")).isEqualTo("••••-••-••");
        assertThat(JA.date("")).isEmpty();
    }
}
