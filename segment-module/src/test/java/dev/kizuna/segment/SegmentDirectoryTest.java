package dev.kizuna.segment;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.SegmentDirectory;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.segment.prediction.LtvFitJob;
import dev.kizuna.segment.rfm.RfmScoringJob;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segments as eligibility: the {@link SegmentDirectory} port that coupon campaigns and survey triggers ask "is this
 * member in that segment?", on a shop with a clear best customer, a lapsed regular, one-order customers, a cart
 * abandoner and a category browser, scored by the nightly RFM job and the LTV fit.
 */
class SegmentDirectoryTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final Instant NOW = TODAY.atTime(3, 0).atZone(ShopHistory.TOKYO).toInstant();

    static KizunaRuntime kizuna;
    static ShopHistory shop;
    static SegmentDirectory directory;
    static long ace;
    static long lapsed;
    static long once;
    static long abandoner;
    static long oldAbandoner;
    static long browser;
    static long newcomer;

    @BeforeAll
    static void shop() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of());
        shop = new ShopHistory(kizuna);
        directory = kizuna.context().ports().require(SegmentDirectory.class);

        // a crowd of ordinary customers, so the models have a base to fit and the deciles something to rank
        for (int i = 0; i < 60; i++) {
            String ref = "C" + i;
            shop.customer(ref, "Customer " + i);
            int orders = 1 + i % 5;
            int lastDaysAgo = 5 + (i * 37) % 300;
            for (int k = 0; k < orders; k++) {
                shop.order(ref, ShopHistory.noon(TODAY, lastDaysAgo + k * (12 + i % 7)), 3_000 + 100L * (i % 9));
            }
        }
        // weekly for half a year up to yesterday, big baskets
        ace = shop.customer("ACE", "Ace");
        for (int k = 0; k < 26; k++) {
            shop.order("ACE", ShopHistory.noon(TODAY, 1 + 7 * k), 40_000);
        }
        // weekly for ten weeks, then nothing for a year and a half
        lapsed = shop.customer("LAPSED", "Lapsed");
        for (int k = 0; k < 10; k++) {
            shop.order("LAPSED", ShopHistory.noon(TODAY, 550 + 7 * k), 5_000);
        }
        once = shop.customer("ONCE", "Once");
        shop.order("ONCE", ShopHistory.noon(TODAY, 10), 4_000);
        abandoner = shop.customer("CART", "Cart");
        shop.abandonCart("CART", ShopHistory.noon(TODAY, 2));
        oldAbandoner = shop.customer("OLDCART", "Old cart");
        shop.abandonCart("OLDCART", ShopHistory.noon(TODAY, 45));
        browser = shop.customer("BROWSER", "Browser");
        shop.view("BROWSER", "tea", ShopHistory.noon(TODAY, 3));
        newcomer = shop.customer("NEW", "Newcomer");

        shop.clock(NOW);
        shop.run(RfmScoringJob.NAME);
        shop.run(LtvFitJob.NAME);
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    static boolean in(long member, String key) {
        return kizuna.context().database().inTransaction(tx -> directory.inSegment(tx, member, key));
    }

    static List<String> segmentsOf(long member) {
        List<String> keys = new ArrayList<>();
        kizuna.context().database().inTransaction(tx -> {
            for (SegmentDirectory.Segment s : directory.segments(tx)) {
                if (directory.inSegment(tx, member, s.key())) {
                    keys.add(s.key());
                }
            }
            return null;
        });
        return keys;
    }

    @Test
    void the_module_provides_the_directory_and_lists_every_kind_of_segment_with_names() {
        assertThat(directory).isInstanceOf(Segments.class);
        List<SegmentDirectory.Segment> segments = kizuna.context().database().inTransaction(directory::segments);

        assertThat(segments).extracting(SegmentDirectory.Segment::key).contains(
                "rfm:champions", "rfm:loyal", "rfm:at-risk", "rfm:lost",
                "behaviour:cart-abandoners", "behaviour:no-result-searchers", "behaviour:first-order-only",
                "behaviour:viewed-not-bought:tea",
                "ltv:top-decile", "ltv:decile-10", "ltv:likely-lapsed");
        assertThat(segments).allSatisfy(s -> {
            assertThat(s.name().exactly("en")).hasValueSatisfying(t -> assertThat(t).isNotBlank());
            assertThat(s.name().exactly("ja")).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        });
        assertThat(segments).filteredOn(s -> s.key().equals("rfm:champions")).singleElement()
                .extracting(s -> s.name().en()).isEqualTo("Champions");
    }

    @Test
    void the_best_customer_is_a_champion_in_the_top_ltv_decile_and_nothing_contrary() {
        assertThat(in(ace, "rfm:champions")).isTrue();
        assertThat(in(ace, "ltv:top-decile")).isTrue();
        assertThat(in(ace, "ltv:decile-1")).isTrue();

        assertThat(segmentsOf(ace)).containsExactlyInAnyOrder("rfm:champions", "ltv:top-decile");
    }

    @Test
    void the_regular_who_stopped_long_ago_is_seen_as_lapsed() {
        assertThat(in(lapsed, "ltv:likely-lapsed")).isTrue();
        assertThat(in(lapsed, "rfm:champions")).isFalse();
        assertThat(in(lapsed, "ltv:top-decile")).isFalse();
        assertThat(segmentsOf(lapsed)).anyMatch(k -> k.equals("rfm:cant-lose-them") || k.equals("rfm:at-risk")
                || k.equals("rfm:hibernating") || k.equals("rfm:lost"));
        assertThat(in(ace, "ltv:likely-lapsed")).isFalse();
    }

    @Test
    void behavioural_segments_follow_the_events_and_their_window() {
        assertThat(in(once, "behaviour:first-order-only")).isTrue();
        assertThat(in(ace, "behaviour:first-order-only")).isFalse();
        assertThat(in(newcomer, "behaviour:first-order-only")).as("no order at all").isFalse();

        assertThat(in(abandoner, "behaviour:cart-abandoners")).isTrue();
        assertThat(in(abandoner, "behaviour:cart-abandoners:7d")).isTrue();
        assertThat(in(oldAbandoner, "behaviour:cart-abandoners")).as("45 days ago, default window 30 days").isFalse();
        assertThat(in(oldAbandoner, "behaviour:cart-abandoners:60d")).isTrue();
        assertThat(in(ace, "behaviour:cart-abandoners")).isFalse();

        assertThat(in(browser, "behaviour:viewed-not-bought:tea")).isTrue();
        assertThat(in(browser, "behaviour:viewed-not-bought:coffee")).isFalse();
    }

    @Test
    void a_customer_without_purchases_is_in_no_rfm_or_ltv_segment() {
        assertThat(segmentsOf(newcomer)).isEmpty();
        assertThat(segmentsOf(abandoner)).containsExactly("behaviour:cart-abandoners");
    }

    @Test
    void a_malformed_or_unknown_key_matches_nobody_instead_of_failing_a_checkout() {
        for (String key : new String[] {"rfm:no-such-segment", "rfm:Champions", "rfm:", "ltv:decile-11", "ltv:top",
                "behaviour:window-shoppers", "points:gold", "champions", "", "  "}) {
            assertThat(in(ace, key)).as(key).isFalse();
        }
        assertThat(in(ace, null)).isFalse();
        assertThat(in(ace, " rfm:champions ")).as("surrounding blanks are forgiven").isTrue();
    }
}
