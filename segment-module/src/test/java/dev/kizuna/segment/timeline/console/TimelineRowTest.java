package dev.kizuna.segment.timeline.console;

import dev.kizuna.core.console.Formats;
import dev.kizuna.core.console.Messages;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.testing.FakeHost;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** How the 360° page words a touchpoint: labels in the reader's language, a list of them joined the reader's way. */
class TimelineRowTest {
    static final Touchpoint CHANGE = new Touchpoint(Instant.parse("2026-03-02T00:00:00Z"), TouchpointKind.PROFILE_CHANGED,
            "profile-change:1", "timeline.profile-changed", List.of(List.of(
            new Touchpoint.Label("timeline.profile-field.EMAIL"), new Touchpoint.Label("timeline.profile-field.PHONE"))));
    static final Touchpoint RETURN = new Touchpoint(Instant.parse("2026-03-09T01:00:00Z"), TouchpointKind.ORDER_RETURNED,
            "order:1:returned:e", "timeline.order-returned", List.of("O-1", 2L));

    static TimelineConsole.Row row(Touchpoint tp, Locale locale) {
        return TimelineConsole.row(tp, Messages.of(locale), new Formats(locale, FakeHost.TOKYO, Currency.getInstance("JPY")),
                locale);
    }

    @Test
    void an_account_change_lists_the_fields_by_their_labels() {
        assertThat(row(CHANGE, Messages.JA).text()).isEqualTo("会員情報を変更：メールアドレス、電話番号");
        assertThat(row(CHANGE, Messages.EN).text()).isEqualTo("Account details changed: e-mail address, phone number");
        assertThat(row(CHANGE, Messages.EN).kind()).isEqualTo("Account change");
    }

    @Test
    void a_return_reads_with_its_order_and_units() {
        assertThat(row(RETURN, Messages.JA).text()).isEqualTo("注文O-1：2点が返品されました");
        assertThat(row(RETURN, Messages.EN).text()).isEqualTo("Order O-1: 2 item(s) returned");
        assertThat(row(RETURN, Messages.JA).kind()).isEqualTo("返品");
    }
}
