package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.admin.console.users.AdminUser;
import dev.kizuna.admin.console.users.AdminUsers;
import dev.kizuna.core.ports.DomainEventType;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.segment.rfm.RfmDefinitions;
import dev.kizuna.segment.rfm.RfmSegmentDefinition;
import dev.kizuna.webhooks.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The birthday coupon's terms, the RFM segment definitions, console users and webhooks: a form posted empty or
 * wrong comes back with every bad field's message beside that field at once, in the reader's language, what was
 * typed kept, and nothing saved.
 */
class AllErrorsAtOnceFormsTest {
    static ConsoleServer server;
    static WebClient admin;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start();
        admin = server.signedIn(ConsoleServer.ADMIN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static <T> T port(Class<T> type) {
        return server.runtime.context().ports().require(type);
    }

    static long audited(String action) {
        return server.runtime.context().database().inTransaction(tx ->
                tx.sql().number("SELECT count(*) FROM audit_log WHERE action = ?", action));
    }

    static WebClient.Response refused(String page, String post, Map<String, String> form) {
        admin.get(page);
        WebClient.Response r = admin.post(post, form);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r;
    }

    @Test
    void the_birthday_coupon_terms_name_every_bad_field_at_once_and_keep_the_stored_terms() {
        int version = port(Campaigns.class).birthday().orElseThrow().version();
        long audits = audited("campaign.update");

        WebClient.Response empty = refused("/crm/admin/coupons/birthday?lang=ja", "/crm/admin/coupons/birthday", Map.of());
        assertThat(empty.body()).contains("id=\"f-name-ja-error\"").contains("id=\"f-discount-type-error\"")
                .contains("必須です").contains("id=\"birthday-form\"");

        Map<String, String> wrong = new HashMap<>(Map.of("discount.type", "PERCENT", "discount.value", "",
                "discount.cap", "", "validFrom", "2027-02-01", "validTo", "2027-01-15", "eligibility.type", "RANKS"));
        WebClient.Response all = refused("/crm/admin/coupons/birthday?lang=ja", "/crm/admin/coupons/birthday", wrong);
        assertThat(all.body()).contains("id=\"f-name-ja-error\"").contains("id=\"f-discount-value-error\"")
                .contains("id=\"f-validTo-error\"").contains("id=\"f-eligibility-ranks-error\"")
                .contains("value=\"2027-02-01\"");

        wrong.putAll(Map.of("name.ja", "お誕生日", "discount.type", "FIXED", "discount.value", "500",
                "discount.cap", "300", "eligibility.type", "SEGMENT"));
        WebClient.Response en = refused("/crm/admin/coupons/birthday?lang=en", "/crm/admin/coupons/birthday", wrong);
        assertThat(en.body()).contains("id=\"f-discount-cap-error\"").contains("id=\"f-validTo-error\"")
                .contains("id=\"f-eligibility-segment-error\"").contains("Required.")
                .doesNotContain("id=\"f-name-ja-error\"").doesNotContain("id=\"f-discount-value-error\"");

        assertThat(port(Campaigns.class).birthday().orElseThrow().version()).isEqualTo(version);
        assertThat(audited("campaign.update")).isEqualTo(audits);
    }

    @Test
    void the_rfm_definitions_name_every_bad_cell_of_every_row_at_once() {
        List<RfmSegmentDefinition> before = port(RfmDefinitions.class).current().segments();
        String page = "/crm/admin/segments/definitions?lang=ja";

        WebClient.Response none = refused(page, "/crm/admin/segments/definitions", Map.of("rows", "2"));
        assertThat(none.body()).contains("id=\"f-segments-error\"");

        WebClient.Response rows = refused(page, "/crm/admin/segments/definitions", Map.of("rows", "3",
                "segments[0].key", "vip", "segments[1].key", "Bad Key", "segments[1].name.ja", "悪いキー",
                "segments[1].recencyMin", "9", "segments[1].fmMin", "4", "segments[1].fmMax", "2"));
        assertThat(rows.body()).contains("id=\"f-segments-0-name-ja-error\"").contains("id=\"f-segments-0-name-en-error\"")
                .contains("id=\"f-segments-0-recencyMin-error\"").contains("id=\"f-segments-0-recencyMax-error\"")
                .contains("id=\"f-segments-0-fmMin-error\"").contains("id=\"f-segments-0-fmMax-error\"")
                .contains("id=\"f-segments-1-key-error\"").contains("id=\"f-segments-1-name-en-error\"")
                .contains("id=\"f-segments-1-recencyMin-error\"").contains("id=\"f-segments-1-fmMax-error\"")
                .contains("value=\"Bad Key\"").contains("value=\"悪いキー\"").contains("必須です");
        assertThat(rows.body()).as("a row without a key is a removed row, not an error")
                .doesNotContain("f-segments-2-key-error").doesNotContain("f-segments-2-name-ja-error");

        assertThat(port(RfmDefinitions.class).current().segments()).isEqualTo(before);
        assertThat(audited("segments.rfm-definitions.update")).isZero();
    }

    @Test
    void a_new_user_a_changed_one_and_a_password_reset_name_every_bad_field_at_once() {
        int users = port(AdminUsers.class).list().size();

        WebClient.Response empty = refused("/crm/admin/users/new?lang=ja", "/crm/admin/users", Map.of());
        assertThat(empty.body()).contains("id=\"f-username-error\"").contains("id=\"f-role-error\"")
                .contains("id=\"f-password-error\"").contains("必須です");

        WebClient.Response wrong = refused("/crm/admin/users/new?lang=en", "/crm/admin/users", Map.of(
                "username", "Bad User!", "displayName", "Bad", "role", "SUPPORT", "locale", "fr",
                "password", "short", "confirmPassword", "other"));
        assertThat(wrong.body()).contains("id=\"f-username-error\"").contains("id=\"f-locale-error\"")
                .contains("id=\"f-password-error\"").contains("id=\"f-confirmPassword-error\"")
                .contains("At least 12 characters").contains("value=\"Bad User!\"");
        assertThat(port(AdminUsers.class).list()).hasSize(users);

        AdminUser marketer = port(AdminUsers.class).findByUsername(ConsoleServer.MARKETER).orElseThrow();
        String edit = "/crm/admin/users/" + marketer.id();
        WebClient.Response changed = refused(edit + "?lang=ja", edit, Map.of("role", "", "locale", "fr"));
        assertThat(changed.body()).contains("id=\"f-role-error\"").contains("id=\"f-locale-error\"");
        WebClient.Response reset = refused(edit + "?lang=ja", edit + "/password", Map.of("password", "short",
                "confirmPassword", "shorter"));
        assertThat(reset.body()).contains("id=\"f-reset-password-error\"").contains("id=\"f-reset-confirm-error\"");
        assertThat(port(AdminUsers.class).find(marketer.id()).orElseThrow()).isEqualTo(marketer);
        assertThat(audited("console.user.password")).isZero();
    }

    @Test
    void a_webhook_posted_empty_or_wrong_names_every_field_and_keeps_the_ticked_events() {
        String wire = DomainEventType.values()[0].wire();
        WebClient.Response empty = refused("/crm/admin/webhooks?lang=ja", "/crm/admin/webhooks", Map.of());
        assertThat(empty.body()).contains("id=\"f-url-error\"").contains("id=\"f-eventTypes-error\"").contains("必須です");

        WebClient.Response wrong = refused("/crm/admin/webhooks?lang=en", "/crm/admin/webhooks", Map.of(
                "description", "x".repeat(201), "eventTypes", wire));
        assertThat(wrong.body()).contains("id=\"f-url-error\"").contains("id=\"f-description-error\"")
                .doesNotContain("id=\"f-eventTypes-error\"").contains("Required.")
                .contains("id=\"f-eventTypes-" + wire.replace(".", "-") + "\" checked");
        assertThat(port(Webhooks.class).subscriptions()).isEmpty();
    }
}
