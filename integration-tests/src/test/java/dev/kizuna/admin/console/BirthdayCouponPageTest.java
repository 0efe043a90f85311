package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.loyalty.coupon.Campaigns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The birthday coupon's page carries its terms' form: a marketer changes the discount there, the change is a new
 * version in the audit log, and a refused value is shown beside its field with what was typed.
 */
class BirthdayCouponPageTest {
    static ConsoleServer server;
    static WebClient marketer;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start(new FakeHost(), Map.of());
        marketer = server.signedIn(ConsoleServer.MARKETER);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> terms(String value) {
        Map<String, String> f = new HashMap<>();
        f.put("name.ja", "お誕生日クーポン");
        f.put("name.en", "Birthday coupon");
        f.put("discount.type", "PERCENT");
        f.put("discount.value", value);
        f.put("minimumOrder", "3000");
        f.put("eligibility.type", "ALL");
        f.put("perCustomerLimit", "1");
        return f;
    }

    static long audited() {
        return server.runtime.context().database().inTransaction(tx ->
                tx.sql().number("SELECT count(*) FROM audit_log WHERE action = 'campaign.update'"));
    }

    @Test
    void the_terms_are_changed_on_the_birthday_page_and_refusals_show_beside_their_fields() {
        String page = marketer.get("/crm/admin/coupons/birthday?lang=ja").body();
        assertThat(page).contains("id=\"birthday-form\"").contains("name=\"discount.value\"")
                .contains("このフォームで変更できます");
        long before = audited();
        int version = server.runtime.context().ports().require(Campaigns.class).birthday().orElseThrow().version();

        WebClient.Response refused = marketer.post("/crm/admin/coupons/birthday?lang=ja", terms("2.5"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"f-discount-value-error\"").contains("value=\"2.5\"")
                .contains("id=\"birthday-form\"");
        assertThat(audited()).isEqualTo(before);

        WebClient.Response saved = marketer.post("/crm/admin/coupons/birthday", terms("15"));
        assertThat(saved.status()).as(saved.body()).isBetween(300, 399);
        assertThat(saved.location()).endsWith("/crm/admin/coupons/birthday");
        assertThat(marketer.get("/crm/admin/coupons/birthday").body()).contains("value=\"15\"").contains("id=\"flash\"");
        assertThat(audited()).isEqualTo(before + 1);
        assertThat(server.runtime.context().ports().require(Campaigns.class).birthday().orElseThrow().version())
                .isEqualTo(version + 1);
    }
}
