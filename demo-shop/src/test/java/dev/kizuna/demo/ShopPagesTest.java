package dev.kizuna.demo;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's pages as a shopper's browser uses them, over HTTP: every form post is answered with a redirect and a
 * message on the next page, what was typed into a refused form is there again, the cart says what a coupon and
 * points would take off before ordering, nothing shows a row of zero, the language is switched and kept, and dates
 * are the shop's (Tokyo) dates written for the reader.
 */
class ShopPagesTest {
    private static final TestShop.Client ADMIN = TestShop.admin();
    private static final Pattern RAW_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:");

    /** A new customer signed in through the shop's sign-in form, in {@code lang}. */
    private static TestShop.Client shopper(String email, String lang) {
        ADMIN.customer(email);
        return TestShop.nobody().lang(lang).signIn(email);
    }

    private static String token(TestShop.Client c) {
        return c.formToken();
    }

    private static String form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.append(i == 0 ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static void assertNoZeroRowsOrRawValues(String page) {
        assertThat(page).doesNotContain("−¥0<", "−0 pt", "-¥0<", ">0 pt<", "ポイント支払い確定</td><td class=\"kz-num kz-plus\">0<")
                .doesNotContain("PLACED", "DELIVERED", "CANCELLED", ">WEB<");
        assertThat(RAW_INSTANT.matcher(page).find()).as("a raw instant on the page").isFalse();
    }

    @Test
    void a_refused_checkout_goes_back_to_the_cart_with_the_reason_in_japanese_and_the_typed_values() {
        TestShop.Client c = shopper("pages-refused@example.jp", "ja");
        String t = token(c);
        c.submit("/shop/cart/add", form("_token", t, "sku", "TEA-001"));
        TestShop.Reply cart = c.submit("/shop/checkout", form("_token", t, "coupon", "NO-SUCH-CODE", "points", "7"));
        assertThat(c.location).as("the browser is sent back to the cart, not left on the post").isEqualTo("/shop/cart");
        assertThat(cart.body()).contains("id=\"flash\"").contains("このクーポンコードはありません")
                .contains("id=\"checkout-coupon\" name=\"coupon\" value=\"NO-SUCH-CODE\"")
                .contains("id=\"checkout-points\" name=\"points\" value=\"7\"");
        assertThat(c.get("/shop/cart").body()).as("the message is shown once").doesNotContain("id=\"flash\"")
                .contains("value=\"NO-SUCH-CODE\"");

        TestShop.Reply points = c.submit("/shop/checkout", form("_token", t, "coupon", "", "points", "abc"));
        assertThat(points.body()).as("the field's label, in Japanese").contains("利用ポイント：").contains("value=\"abc\"");
    }

    @Test
    void registration_errors_name_the_field_in_the_shoppers_language_and_keep_the_form() {
        TestShop.Client en = TestShop.nobody().lang("en");
        TestShop.Reply page = en.submit("/shop/register", form("_token", token(en), "email", "not-an-address",
                "name", "Aiko Tanaka", "birthDate", "1990-05-08", "locale", "en"));
        assertThat(en.location).isEqualTo("/shop/signin#register");
        assertThat(page.body()).contains("e-mail address: ").contains("value=\"not-an-address\"")
                .contains("value=\"Aiko Tanaka\"").contains("value=\"1990-05-08\"");
        TestShop.Client ja = TestShop.nobody().lang("ja");
        assertThat(ja.submit("/shop/register", form("_token", token(ja), "email", "x", "name", "田中")).body())
                .contains("メールアドレス：").contains("value=\"田中\"");
    }

    @Test
    void a_referral_link_keeps_its_code_through_the_registration_form_and_a_refused_post() {
        TestShop.Client en = TestShop.nobody().lang("en");
        TestShop.Reply link = en.get("/shop/register?ref=KZREF234");
        assertThat(link.status()).isEqualTo(200);
        assertThat(link.body()).contains("id=\"register-referral\" name=\"referralCode\" value=\"KZREF234\"")
                .contains("id=\"register-referred\"").contains("code KZREF234");
        TestShop.Reply refused = en.submit("/shop/register", form("_token", token(en), "email", "not-an-address",
                "name", "Ren Sato", "locale", "en", "referralCode", "KZREF234"));
        assertThat(en.location).isEqualTo("/shop/signin#register");
        assertThat(refused.body()).contains("e-mail address: ")
                .contains("id=\"register-referral\" name=\"referralCode\" value=\"KZREF234\"");
        TestShop.Reply tooLong = en.submit("/shop/register", form("_token", token(en), "email", "ren.sato@example.jp",
                "name", "Ren Sato", "locale", "en", "referralCode", "K".repeat(40)));
        assertThat(tooLong.body()).as("the field named in the shopper's language").contains("referral code: ");
        assertThat(en.get("/shop/signin").body()).as("the code stays with what was typed")
                .contains("name=\"referralCode\" value=\"KKKK");
        assertThat(TestShop.nobody().lang("en").get("/shop/signin").body()).as("a plain sign-in page carries no code")
                .contains("name=\"referralCode\" value=\"\"");
    }

    @Test
    void cart_lines_are_changed_and_removed() {
        TestShop.Client c = shopper("pages-lines@example.jp", "en");
        String t = token(c);
        c.submit("/shop/cart/add", form("_token", t, "sku", "TEA-003"));
        c.submit("/shop/cart/add", form("_token", t, "sku", "SWEET-003"));
        TestShop.Reply three = c.submit("/shop/cart/update", form("_token", t, "sku", "TEA-003", "quantity", "3", "action", "update"));
        assertThat(three.body()).contains("id=\"quantity-TEA-003\" name=\"quantity\" type=\"number\" min=\"0\" max=\"99\" step=\"1\" value=\"3\"")
                .contains("¥2,940").contains("id=\"cart-total\">¥3,804<").contains("Cart (4)");
        TestShop.Reply removed = c.submit("/shop/cart/update", form("_token", t, "sku", "TEA-003", "action", "remove"));
        assertThat(removed.body()).doesNotContain("line-TEA-003").contains("id=\"cart-total\">¥864<")
                .contains("“Hojicha tea bags” was removed from your cart.");
        TestShop.Reply bad = c.submit("/shop/cart/update", form("_token", t, "sku", "SWEET-003", "quantity", "-2", "action", "update"));
        assertThat(bad.body()).contains("quantity").contains("id=\"cart-total\">¥864<");
        assertThat(c.submit("/shop/cart/update", form("_token", t, "sku", "SWEET-003", "quantity", "0", "action", "update")).body())
                .contains("Your cart is empty.");
    }

    @Test
    void the_cart_shows_the_point_balance_the_most_usable_and_the_coupons_effect_before_ordering() {
        // Hanako has a year of orders and points in the sample data
        TestShop.Client c = TestShop.nobody().lang("ja").signIn("hanako@example.jp");
        String t = token(c);
        c.submit("/shop/cart/add", form("_token", t, "sku", "WARE-001"));
        TestShop.Reply before = c.get("/shop/cart");
        Matcher balance = Pattern.compile("id=\"points-balance\">([0-9,]+) pt<").matcher(before.body());
        assertThat(balance.find()).as(before.body()).isTrue();
        assertThat(Long.parseLong(balance.group(1).replace(",", ""))).isPositive();
        assertThat(before.body()).contains("id=\"points-usable\">").doesNotContain("id=\"cart-discount\"")
                .doesNotContain("id=\"cart-points\"");
        assertNoZeroRowsOrRawValues(before.body());

        TestShop.Reply applied = c.submit("/shop/cart/apply", form("_token", t, "coupon", "WELCOME10", "points", "30"));
        assertThat(c.location).isEqualTo("/shop/cart");
        // ¥3,300 − 10 % (¥330) − 30 points; shipping ¥500 below Hanako's free-shipping threshold
        assertThat(applied.body()).contains("id=\"cart-discount\"").contains("−¥330").contains("ポイント利用（30 pt）")
                .contains("−¥30").contains("id=\"cart-pay\">¥3,440<").contains("value=\"WELCOME10\"").contains("value=\"30\"");
        c.submit("/shop/cart/clear", form("_token", t));
    }

    @Test
    void a_placed_order_leads_to_its_complete_page_with_no_zero_rows_and_the_profile_question() {
        TestShop.Client c = shopper("pages-placed@example.jp", "ja");
        String t = token(c);
        c.submit("/shop/cart/add", form("_token", t, "sku", "TEA-001"));
        TestShop.Reply done = c.submit("/shop/checkout", form("_token", t, "coupon", "", "points", ""));
        assertThat(c.location).matches("/shop/orders/\\d+/complete");
        assertThat(done.body()).contains("ご注文ありがとうございます").contains("id=\"placed-total\">¥2,120<")
                .contains("カート (0)").doesNotContain("id=\"order-discount\"").doesNotContain("id=\"order-points\"")
                .contains("data-context=\"order-complete\"").contains("受付済み");
        assertNoZeroRowsOrRawValues(done.body());
        TestShop.Reply account = c.get("/shop/account");
        assertNoZeroRowsOrRawValues(account.body());
    }

    @Test
    void orders_paid_with_points_show_no_zero_rows_on_my_account() {
        TestShop.Client c = TestShop.nobody().lang("ja").signIn("daiki@example.jp");
        String t = token(c);
        c.submit("/shop/cart/add", form("_token", t, "sku", "GIFT-002"));
        TestShop.Reply done = c.submit("/shop/checkout", form("_token", t, "coupon", "", "points", "20"));
        assertThat(done.body()).contains("id=\"order-points\"").contains("−¥20");
        assertNoZeroRowsOrRawValues(c.get("/shop/account").body());
    }

    @Test
    void the_language_is_switched_on_any_page_and_kept_on_the_next() {
        TestShop.Client c = TestShop.nobody().lang("ja");
        TestShop.Reply home = c.get("/");
        assertThat(home.body()).contains("商品一覧").contains("id=\"lang-en\" hreflang=\"en\" lang=\"en\" href=\"/?lang=en\"");
        HttpResponse<String> english = c.sendRaw(HttpRequest.newBuilder(URI.create(c.base() + "/shop/product?sku=TEA-002&lang=en")).GET());
        assertThat(english.body()).contains("Uji matcha 30 g").contains("Add to cart")
                .contains("href=\"/shop/product?sku=TEA-002&amp;lang=ja\"");
        assertThat(english.headers().allValues("Set-Cookie")).anySatisfy(v -> assertThat(v).startsWith("shop_lang=en"));
        // the browser still asks for Japanese, but the shopper chose English
        assertThat(c.get("/shop/cart").body()).contains("Your cart is empty.").contains("<html lang=\"en\">");
        assertThat(c.get("/?lang=ja").body()).contains("商品一覧");
        assertThat(c.get("/shop/signin").body()).contains("<html lang=\"ja\">").contains("新規会員登録");
    }

    @Test
    void order_dates_are_the_shops_tokyo_dates_written_for_the_reader() {
        String customer = ADMIN.customer("pages-dates@example.jp");
        // 23:30 UTC on 1 March is already 2 March in Tokyo
        TestShop.Reply placed = ADMIN.post("/shop/api/orders", "{\"customerId\":\"" + customer + "\",\"currency\":\"JPY\","
                + "\"lines\":[{\"sku\":\"TEA-001\",\"category\":\"tea\",\"quantity\":1,\"unitPrice\":1620}],"
                + "\"placedAt\":\"2026-03-01T23:30:00Z\"}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        TestShop.Client ja = TestShop.nobody().lang("ja").signIn("pages-dates@example.jp");
        String account = ja.get("/shop/account").body();
        assertThat(account).contains("2026年3月2日").doesNotContain("2026-03-01").doesNotContain("2026年3月1日");
        assertThat(ja.get("/shop/orders/" + placed.text("id")).body()).contains("2026年3月2日");
        TestShop.Client en = TestShop.nobody().lang("en").signIn("pages-dates@example.jp");
        assertThat(en.get("/shop/account").body()).contains("Mar 2, 2026");
        assertThat(en.get("/").body()).as("the footer's shop time").containsPattern("Shop time: [A-Z][a-z]{2} \\d{1,2}, \\d{4}, ");
    }

    @Test
    void another_shoppers_order_page_is_not_found() {
        String owner = ADMIN.customer("pages-owner@example.jp");
        String order = ADMIN.post("/shop/api/orders", "{\"customerId\":\"" + owner + "\",\"currency\":\"JPY\","
                + "\"lines\":[{\"sku\":\"TEA-001\",\"category\":\"tea\",\"quantity\":1,\"unitPrice\":1620}]}").text("id");
        TestShop.Client other = shopper("pages-other@example.jp", "en");
        assertThat(other.get("/shop/orders/" + order).status()).isEqualTo(404);
        assertThat(other.get("/shop/orders/" + order + "/complete").status()).isEqualTo(404);
    }
}
