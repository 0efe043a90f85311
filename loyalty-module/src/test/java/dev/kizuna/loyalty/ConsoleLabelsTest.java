package dev.kizuna.loyalty;

import dev.kizuna.core.console.Messages;
import dev.kizuna.loyalty.coupon.CampaignStatus;
import dev.kizuna.loyalty.points.Campaign;
import dev.kizuna.loyalty.points.LedgerKind;
import dev.kizuna.loyalty.rank.DowngradePolicy;
import dev.kizuna.loyalty.rank.RankQueries;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind and status the loyalty pages show has a label in both console languages, never its raw name. */
class ConsoleLabelsTest {

    static void labelled(String prefix, Enum<?>[] values) {
        for (Locale locale : new Locale[]{Messages.JA, Messages.EN}) {
            Messages messages = Messages.of(locale);
            for (Enum<?> v : values) {
                assertThat(messages.has(prefix + v.name())).as(locale + ": " + prefix + v.name()).isTrue();
            }
        }
    }

    @Test
    void every_shown_enum_has_a_label_in_ja_and_en() {
        labelled("points.ledger-kind.", LedgerKind.values());
        labelled("points.kind.", Campaign.Kind.values());
        labelled("ranks.change.", RankQueries.HistoryChange.values());
        labelled("ranks.trigger.", RankQueries.HistoryTrigger.values());
        labelled("ranks.policy.", DowngradePolicy.values());
        labelled("coupons.status.", CampaignStatus.values());
    }
}
