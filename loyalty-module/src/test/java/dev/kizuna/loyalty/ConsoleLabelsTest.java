package dev.kizuna.loyalty;

import dev.kizuna.loyalty.coupon.CampaignStatus;
import dev.kizuna.loyalty.points.Campaign;
import dev.kizuna.loyalty.points.LedgerKind;
import dev.kizuna.loyalty.rank.DowngradePolicy;
import dev.kizuna.loyalty.rank.RankQueries;
import org.junit.jupiter.api.Test;

import static dev.kizuna.core.testing.ConsoleLabels.assertLabelled;

/** Every kind and status the loyalty pages show has a label in both console languages, never its raw name. */
class ConsoleLabelsTest {

    @Test
    void every_shown_enum_has_a_label_in_ja_and_en() {
        assertLabelled("points.ledger-kind.", LedgerKind.values());
        assertLabelled("points.kind.", Campaign.Kind.values());
        assertLabelled("points.budget.unit.", dev.kizuna.loyalty.budget.Budget.Unit.values());
        assertLabelled("ranks.change.", RankQueries.HistoryChange.values());
        assertLabelled("ranks.trigger.", RankQueries.HistoryTrigger.values());
        assertLabelled("ranks.policy.", DowngradePolicy.values());
        assertLabelled("coupons.status.", CampaignStatus.values());
    }
}
