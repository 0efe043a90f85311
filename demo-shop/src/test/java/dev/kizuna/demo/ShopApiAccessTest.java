package dev.kizuna.demo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's own API hands a customer's e-mail and birth date, and their orders, only to that signed-in shopper or
 * an admin (the dev token); shop pages carry a CSP and refuse framing; the shop listens on this machine only.
 */
class ShopApiAccessTest {
    private static final TestShop.Client ADMIN = TestShop.admin();
    private static String hana;
    private static String order;

    @BeforeAll
    static void aCustomerWithADeliveredOrder() {
        hana = ADMIN.customer("access-hana@example.jp");
        TestShop.Reply placed = ADMIN.post("/shop/api/orders", "{\"customerId\":\"" + hana + "\",\"currency\":\"JPY\","
                + "\"lines\":[{\"sku\":\"TEA-002\",\"quantity\":2,\"unitPrice\":2480}]}");
        order = placed.text("id");
        assertThat(ADMIN.post("/shop/api/orders/" + order + "/deliver", null).status()).isEqualTo(200);
        ADMIN.customer("access-ken@example.jp");
    }

    private static long returned() {
        return ADMIN.get("/shop/api/orders/" + order).number("lines", 0, "returned");
    }

    @Test
    void nobody_reads_a_customer_or_an_order_or_changes_an_order() {
        long returned = returned();
        TestShop.Client nobody = TestShop.nobody();
        TestShop.Reply customer = nobody.get("/shop/api/customers/" + hana);
        assertThat(customer.status()).isEqualTo(401);
        assertThat(customer.contentType()).startsWith("application/problem+json");
        assertThat(customer.body()).doesNotContain("access-hana@example.jp");
        assertThat(nobody.get("/shop/api/orders/" + order).status()).isEqualTo(401);
        assertThat(nobody.post("/shop/api/orders/" + order + "/deliver", null).status()).isEqualTo(401);
        assertThat(nobody.post("/shop/api/orders/" + order + "/cancel", null).status()).isEqualTo(401);
        assertThat(nobody.post("/shop/api/orders/" + order + "/return",
                "{\"lines\":[{\"sku\":\"TEA-002\",\"quantity\":1}]}").status()).isEqualTo(401);
        assertThat(nobody.post("/shop/api/orders", "{\"customerId\":\"" + hana + "\",\"currency\":\"JPY\","
                + "\"lines\":[{\"sku\":\"TEA-001\",\"quantity\":1,\"unitPrice\":1}]}").status()).isEqualTo(401);
        assertThat(nobody.post("/shop/api/dev/clock", "{\"now\":\"2030-01-01T00:00:00Z\"}").status()).isEqualTo(401);
        assertThat(returned()).isEqualTo(returned);
    }

    @Test
    void another_shopper_is_told_it_does_not_exist() {
        long returned = returned();
        TestShop.Client ken = TestShop.nobody().signIn("access-ken@example.jp");
        TestShop.Reply customer = ken.get("/shop/api/customers/" + hana);
        assertThat(customer.status()).isEqualTo(404);
        assertThat(customer.body()).doesNotContain("access-hana@example.jp");
        assertThat(ken.get("/shop/api/orders/" + order).status()).isEqualTo(404);
        assertThat(ken.post("/shop/api/orders/" + order + "/return",
                "{\"lines\":[{\"sku\":\"TEA-002\",\"quantity\":1}]}").status()).isEqualTo(404);
        TestShop.Reply onHerPoints = ken.post("/shop/api/orders", "{\"customerId\":\"" + hana + "\",\"currency\":\"JPY\","
                + "\"lines\":[{\"sku\":\"TEA-001\",\"quantity\":1,\"unitPrice\":1}]}");
        assertThat(onHerPoints.status()).isEqualTo(400);
        assertThat(onHerPoints.field()).isEqualTo("customerId");
        assertThat(returned()).isEqualTo(returned);
    }

    @Test
    void the_shopper_reads_herself_and_returns_her_order_but_does_not_deliver() {
        TestShop.Client me = TestShop.nobody().signIn("access-hana@example.jp");
        TestShop.Reply self = me.get("/shop/api/customers/" + hana);
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.text("email")).isEqualTo("access-hana@example.jp");
        assertThat(me.post("/shop/api/orders/" + order + "/deliver", null).status()).isEqualTo(401);
        // a form from another site carries her cookie but cannot send JSON
        TestShop.Reply form = me.postForm("/shop/api/orders/" + order + "/return", "lines=1");
        assertThat(form.status()).isEqualTo(415);
        TestShop.Reply returned = me.post("/shop/api/orders/" + order + "/return",
                "{\"lines\":[{\"sku\":\"TEA-002\",\"quantity\":1}]}");
        assertThat(returned.status()).as(returned.body()).isEqualTo(200);
        assertThat(returned.number("lines", 0, "returned")).isEqualTo(1);
    }

    @Test
    void the_admin_token_reads_and_changes_any_order() {
        assertThat(ADMIN.get("/shop/api/customers/" + hana).text("email")).isEqualTo("access-hana@example.jp");
        assertThat(ADMIN.get("/shop/api/orders/" + order).status()).isEqualTo(200);
        assertThat(ADMIN.get("/shop/api/orders/999999999").status()).isEqualTo(404);
    }

    @Test
    void shop_pages_carry_a_content_security_policy_and_refuse_framing() {
        TestShop.Client nobody = TestShop.nobody();
        for (String page : new String[] {"/", "/shop/signin", "/shop/cart", "/static/shop.css"}) {
            var r = nobody.sendRaw(HttpRequest.newBuilder(URI.create(nobody.base() + page)).GET());
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(page).hasValueSatisfying(csp ->
                    assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'"));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(page).hasValue("DENY");
        }
    }

    @Test
    void the_demo_listens_on_this_machine_only_unless_told() {
        assertThat(DemoOptions.parse(new String[0]).bind()).isEqualTo("127.0.0.1");
        assertThat(DemoOptions.parse(new String[] {"--bind", "0.0.0.0"}).bind()).isEqualTo("0.0.0.0");
        assertThat(TestShop.get().shop.boundTo()).isEqualTo("127.0.0.1");
    }
}
