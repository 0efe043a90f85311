package dev.kizuna.it;

import dev.kizuna.it.ShopClient.Line;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coupon campaign's budget as the merchant sets and watches it on the campaign's console page: the cap set through
 * the page's form, the shop's orders using the coupon, and the spend against it in yen and uses, in all, today and
 * per day; a bad cap is refused beside its field and changes nothing.
 */
class CouponBudgetFlowTest {
    final ShopClient shop = ShopClient.admin();
    final ShopClient admin = ShopClient.admin();

    @Test
    void the_campaign_page_sets_the_budget_and_shows_the_spend_against_it_in_yen_and_uses() {
        admin.setClock("2031-07-10T11:00:00+09:00");
        String code = "BUDGETFLOW" + (System.nanoTime() % 100_000);
        ShopClient.Response campaign = admin.post("/crm/api/campaigns", """
                {"name":{"ja":"予算つきクーポン","en":"Budgeted coupon"},"discount":{"type":"FIXED","value":400},
                 "currency":"JPY","code":"%s"}""".formatted(code));
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        String id = campaign.get("id").asText();

        ShopClient console = ReferralFlowTest.console();
        String page = console.get("/crm/admin/coupons/" + id + "?lang=en").body();
        assertThat(page).contains("id=\"budget-none\"");
        ShopClient.Response refused = console.postForm("/crm/admin/coupons/" + id + "/budget", ReferralFlowTest.form(
                "_csrf", ReferralFlowTest.find(ReferralFlowTest.CSRF, page), "budget.unit", "YEN", "budget.total", "",
                "budget.perDay", ""));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"f-budget-total-error\"");
        assertThat(admin.get("/crm/api/campaigns/" + id + "/budget").status()).as("nothing saved").isEqualTo(404);
        ShopClient.Response badUnit = console.postForm("/crm/admin/coupons/" + id + "/budget?lang=ja", ReferralFlowTest.form(
                "_csrf", ReferralFlowTest.find(ReferralFlowTest.CSRF, page), "budget.unit", "DOLLARS", "budget.total", "1000",
                "budget.perDay", ""));
        assertThat(badUnit.status()).isEqualTo(400);
        assertThat(badUnit.body()).as("a unit not on the list, in the page's words").contains("一覧から選んでください。")
                .doesNotContain("POINTS か YEN");
        assertThat(admin.get("/crm/api/campaigns/" + id + "/budget").status()).isEqualTo(404);

        ShopClient.Response saved = console.postForm("/crm/admin/coupons/" + id + "/budget", ReferralFlowTest.form(
                "_csrf", ReferralFlowTest.find(ReferralFlowTest.CSRF, page), "budget.unit", "YEN", "budget.total", "1000",
                "budget.perDay", "800"));
        assertThat(saved.status()).as(saved.body()).isIn(302, 303);

        for (int i = 0; i < 3; i++) {
            String customer = shop.customer("coupon-budget-" + i + "@example.jp", "予算 太郎", null);
            ShopClient.Response order = shop.order(customer, List.of(new Line("TEA-001", "tea", 2, 5000)),
                    "\"couponCode\":\"" + code + "\"");
            if (i < 2) {
                assertThat(order.status()).as(order.body()).isEqualTo(201);
            } else {
                assertThat(order.status()).as("the day's ¥800 is spent: a third ¥400 is refused").isEqualTo(409);
            }
        }

        String watched = console.get("/crm/admin/coupons/" + id + "?lang=en").body();
        assertThat(watched).contains("id=\"budget-spent\">¥800 / ¥1,000 (80 %)")
                .contains("id=\"budget-spent-today\">¥800 / ¥800")
                .contains("id=\"budget-left\">¥0")
                .contains("id=\"budget-uses-total\">2<")
                .contains("id=\"budget-discount-total\">¥800<")
                .contains("Spent: the coupon is refused");
        assertThat(watched).contains("<tr id=\"budget-day-0\"><td>").contains("<td class=\"num\">2</td><td class=\"num\">¥800</td>");
        String japanese = console.get("/crm/admin/coupons/" + id + "?lang=ja").body();
        assertThat(japanese).contains("予算と消化").contains("利用件数").contains("消化済み");
    }
}
