package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.MemberDiscount;
import dev.kizuna.core.ports.RankBenefits;
import dev.kizuna.core.ports.RankReevaluation;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.kizuna.loyalty.rank.RankTestData.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ports other features and the console use: benefits, re-evaluation after confirmation, status. A Kizuna per
 * test: some tests count every member by rank or change the program's downgrade policy.
 */
@KizunaTest(perMethod = true)
class MemberRanksTest {
    KizunaRuntime kizuna;
    RankTestData data;
    RankQueries queries;

    @BeforeEach
    void install(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
        data = new RankTestData(kizuna);
        queries = kizuna.context().ports().require(RankQueries.class);
    }

    RankBenefits.Benefits benefits(long memberId) {
        return data.tx(tx -> kizuna.context().ports().require(RankBenefits.class).benefitsOf(tx, memberId));
    }

    void reevaluate(long memberId, Instant asOf) {
        kizuna.context().database().execute(tx ->
                kizuna.context().ports().require(RankReevaluation.class).reevaluate(tx, memberId, asOf));
    }

    @Test
    void confirmed_points_that_cross_the_thresholds_upgrade_at_once_and_the_next_order_earns_with_the_multiplier() {
        long m = data.member("C-confirm");
        Instant confirmed = tokyo(2026, 5, 15, 4, 0, 0);
        data.earn(m, "A", 120, tokyo(2026, 5, 1, 4, 0, 0));
        reevaluate(m, confirmed);
        assertThat(data.rank(m)).isEqualTo("REGULAR");
        assertThat(benefits(m).pointMultiplierPercent()).isEqualTo(100);

        data.earn(m, "B", 80, confirmed);
        reevaluate(m, confirmed);

        assertThat(data.rank(m)).isEqualTo("SILVER");
        assertThat(benefits(m).rankCode()).isEqualTo("SILVER");
        assertThat(benefits(m).pointMultiplierPercent()).isEqualTo(120);
        assertThat(benefits(m).freeShippingThreshold()).isEqualTo(8000L);
        assertThat(benefits(m).birthdayBonusPoints()).isEqualTo(100);
        assertThat(data.history(m)).singleElement().satisfies(h -> {
            assertThat(h.trigger()).isEqualTo("CONFIRMATION");
            assertThat(h.points()).isEqualTo(200);
            assertThat(h.orders()).isEqualTo(2);
            assertThat(h.at()).isEqualTo(confirmed);
        });
    }

    @Test
    void re_evaluation_never_downgrades() {
        long m = data.member("C-no-drop");
        data.earnOrders(m, 7, 100, tokyo(2026, 1, 5, 12, 0, 0));
        reevaluate(m, tokyo(2026, 1, 6, 12, 0, 0));
        assertThat(data.rank(m)).isEqualTo("GOLD");

        reevaluate(m, tokyo(2026, 9, 1, 12, 0, 0));

        assertThat(data.rank(m)).isEqualTo("GOLD");
        assertThat(data.history(m)).hasSize(1);
    }

    @Test
    void perks_come_in_the_members_language_and_an_unknown_member_has_the_base_rank() {
        long m = data.member("C-en");
        data.earnOrders(m, 7, 100, tokyo(2026, 5, 5, 12, 0, 0));
        reevaluate(m, tokyo(2026, 5, 5, 12, 0, 0));
        // the perks are what the structured benefits cannot say: the multiplier, free shipping and birthday points
        // are shown from their own fields, never a second time as a perk text
        assertThat(benefits(m).perks()).containsExactly("ゴールド以上限定クーポン");
        data.sql("UPDATE member SET locale = 'en' WHERE id = ?", m);
        assertThat(benefits(m).perks()).containsExactly("Coupons for Gold and above");
        assertThat(benefits(m).freeShippingThreshold()).isEqualTo(5000L);

        assertThat(benefits(999_999).rankCode()).isEqualTo("REGULAR");
        assertThat(benefits(999_999).pointMultiplierPercent()).isEqualTo(100);
        assertThat(queries.benefits("C-nobody").rankCode()).isEqualTo("REGULAR");
        assertThat(queries.benefits("C-en").rankCode()).isEqualTo("GOLD");
    }

    @Test
    void a_gold_member_gets_the_member_price_of_the_cart_and_a_silver_one_pays_the_list_price() {
        long gold = data.member("C-gold-price");
        data.earnOrders(gold, 7, 100, tokyo(2026, 5, 5, 12, 0, 0));
        reevaluate(gold, tokyo(2026, 5, 5, 12, 0, 0));
        long silver = data.member("C-silver-price");
        data.earnOrders(silver, 2, 100, tokyo(2026, 5, 5, 12, 0, 0));
        reevaluate(silver, tokyo(2026, 5, 5, 12, 0, 0));
        assertThat(data.rank(gold)).isEqualTo("GOLD");
        assertThat(data.rank(silver)).isEqualTo("SILVER");
        data.sql("UPDATE rank_definition SET member_discount_by_category = '{\"sale\": 0}' WHERE code = 'GOLD'");
        Cart cart = new Cart("JPY", List.of(new Cart.CartLine("TEA-1", "tea", 2, 1500),
                new Cart.CartLine("SALE-1", "sale", 1, 1000)), 600);

        MemberDiscount.Quote goldPrice = memberPrice(gold, cart);
        MemberDiscount.Quote silverPrice = memberPrice(silver, cart);

        assertThat(goldPrice.rankCode()).isEqualTo("GOLD");
        assertThat(goldPrice.lines()).extracting(MemberDiscount.Line::discount).containsExactly(90L, 0L);
        assertThat(goldPrice.discount()).isEqualTo(90);
        assertThat(silverPrice.applies()).isFalse();
        // the batch read the order intake uses says the same
        long[] both = {gold, silver};
        assertThat(data.tx(tx -> kizuna.context().ports().require(RankBenefits.class).benefitsOf(tx, both))
                .get(gold).memberDiscount()).isEqualTo(new MemberDiscount(3, Map.of("sale", 0)));
    }

    MemberDiscount.Quote memberPrice(long memberId, Cart cart) {
        return data.tx(tx -> kizuna.context().ports().require(RankBenefits.class).memberPrice(tx, memberId, cart));
    }

    @Test
    void the_status_tells_the_rank_benefits_what_is_missing_for_the_next_rank_and_until_when_it_is_held() {
        kizuna.context().clock().set(tokyo(2026, 5, 20, 12, 0, 0));
        long m = data.member("C-status");
        data.earn(m, "A", 150, tokyo(2026, 1, 10, 12, 0, 0));
        data.earn(m, "B", 150, tokyo(2026, 3, 5, 12, 0, 0));
        data.earn(m, null, 30, tokyo(2026, 3, 6, 12, 0, 0));
        reevaluate(m, tokyo(2026, 3, 5, 12, 0, 0));
        data.order("C-status", "O-status-spend", 26_408, tokyo(2026, 4, 2, 12, 0, 0));

        RankQueries.RankStatus en = queries.status("C-status", Locale.ENGLISH, true).orElseThrow();

        assertThat(en.rank().code()).isEqualTo("SILVER");
        assertThat(en.rank().name()).isEqualTo("Silver");
        assertThat(en.benefits().pointMultiplierPercent()).isEqualTo(120);
        assertThat(en.benefits().perks()).as("the multiplier is not repeated as a perk").isEmpty();
        assertThat(en.progress().points()).isEqualTo(330);
        // the default program does not judge spend, but the 360° page shows what the customer spent in the window
        assertThat(en.progress().spend()).isEqualTo(26_408);
        assertThat(en.progress().orders()).isEqualTo(2);
        assertThat(en.progress().windowFrom()).isEqualTo(LocalDate.of(2025, 11, 20));
        assertThat(en.progress().windowTo()).isEqualTo(LocalDate.of(2026, 5, 20));
        assertThat(en.next().rank().code()).isEqualTo("GOLD");
        assertThat(en.next().missing().points()).isEqualTo(700 - 330);
        assertThat(en.next().missing().orders()).isEqualTo(5);
        // The January order leaves the window on 11 July; the monthly run of 1 August is the first to see it.
        assertThat(en.heldUntil()).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThat(en.keptByPolicy()).isFalse();
        assertThat(en.toKeep()).isNull();
        assertThat(en.history()).singleElement().satisfies(h -> {
            assertThat(h.fromName()).isEqualTo("Regular");
            assertThat(h.toName()).isEqualTo("Silver");
        });

        RankQueries.RankStatus ja = queries.status("C-status", Locale.JAPANESE, true).orElseThrow();
        assertThat(ja.rank().name()).isEqualTo("シルバー");
        assertThat(ja.next().rank().name()).isEqualTo("ゴールド");
    }

    @Test
    void a_member_kept_by_policy_sees_the_hold_and_what_keeps_the_rank() {
        data.sql("UPDATE rank_program SET downgrade_policy = 'KEEP_UNTIL_END_OF_NEXT_PERIOD'");
        long m = data.member("C-held");
        data.earnOrders(m, 2, 100, tokyo(2026, 1, 10, 12, 0, 0));
        data.recalculate(tokyo(2026, 7, 1, 3, 0, 0));
        data.recalculate(tokyo(2026, 8, 1, 3, 0, 0));

        RankQueries.RankStatus s = queries.status("C-held", Locale.ENGLISH, true).orElseThrow();

        assertThat(s.rank().code()).isEqualTo("SILVER");
        assertThat(s.keptByPolicy()).isTrue();
        assertThat(s.heldUntil()).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(s.toKeep().points()).isEqualTo(200);
        assertThat(s.toKeep().orders()).isEqualTo(2);
    }

    @Test
    void an_unknown_customer_is_not_found_for_the_console_and_regular_for_the_shopper() {
        assertThat(queries.status("C-new", Locale.JAPANESE, true)).isEmpty();
        RankQueries.RankStatus s = queries.status("C-new", Locale.JAPANESE, false).orElseThrow();
        assertThat(s.rank().code()).isEqualTo("REGULAR");
        assertThat(s.heldUntil()).isNull();
        assertThat(s.next().missing().points()).isEqualTo(200);
        assertThat(s.next().missing().orders()).isEqualTo(2);
        assertThat(s.history()).isEmpty();
    }

    @Test
    void members_by_rank_counts_everyone_with_the_base_rank_first() {
        data.member("C-1");
        data.member("C-2");
        long silver = data.member("C-3");
        data.earnOrders(silver, 2, 100, tokyo(2026, 5, 5, 12, 0, 0));
        data.recalculate(tokyo(2026, 6, 1, 3, 0, 0));

        assertThat(queries.membersByRank()).extracting(RankQueries.RankCount::code, RankQueries.RankCount::members)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REGULAR", 2L),
                        org.assertj.core.groups.Tuple.tuple("SILVER", 1L), org.assertj.core.groups.Tuple.tuple("GOLD", 0L),
                        org.assertj.core.groups.Tuple.tuple("PLATINUM", 0L), org.assertj.core.groups.Tuple.tuple("DIAMOND", 0L));
    }
}
