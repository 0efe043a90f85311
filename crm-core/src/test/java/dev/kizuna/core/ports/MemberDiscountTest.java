package dev.kizuna.core.ports;

import dev.kizuna.core.spi.Cart;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberDiscountTest {

    static final Cart CART = new Cart("JPY", List.of(
            new Cart.CartLine("TEA-1", "tea", 3, 1299),
            new Cart.CartLine("CUP-1", "ware", 1, 2500),
            new Cart.CartLine("SALE-1", "sale", 2, 1000)), 500);

    @Test
    void each_line_takes_its_categorys_percent_rounded_down_and_the_total_is_their_sum() {
        MemberDiscount d = new MemberDiscount(5, Map.of("sale", 0, "ware", 10));

        MemberDiscount.Quote q = d.quote("GOLD", CART);

        // 3 × 1,299 = 3,897 at 5 % is 194.85: the member pays 3,703, never a fraction of a yen less
        assertThat(q.lines()).extracting(MemberDiscount.Line::discount).containsExactly(194L, 250L, 0L);
        assertThat(q.lines().get(0).memberAmount()).isEqualTo(3703);
        assertThat(q.discount()).isEqualTo(444);
        assertThat(q.applies()).isTrue();
        assertThat(q.rankCode()).isEqualTo("GOLD");
    }

    @Test
    void no_member_price_leaves_every_line_at_the_list_price() {
        MemberDiscount.Quote q = MemberDiscount.NONE.quote("SILVER", CART);
        assertThat(q.discount()).isZero();
        assertThat(q.applies()).isFalse();
        assertThat(MemberDiscount.NONE.isNone()).isTrue();
        assertThat(new MemberDiscount(0, Map.of("tea", 3)).isNone()).isFalse();
    }

    @Test
    void a_percent_outside_0_to_100_names_the_field() {
        assertThatThrownBy(() -> new MemberDiscount(101, Map.of())).hasMessageStartingWith("percent:");
        assertThatThrownBy(() -> new MemberDiscount(5, Map.of("tea", -1))).hasMessageStartingWith("byCategory.tea:");
    }

    @Test
    void benefits_built_without_a_member_price_have_none() {
        assertThat(RankBenefits.Benefits.NONE.memberDiscount()).isEqualTo(MemberDiscount.NONE);
    }
}
