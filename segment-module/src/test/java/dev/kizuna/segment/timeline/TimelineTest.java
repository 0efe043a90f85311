package dev.kizuna.segment.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.web.Role;
import dev.kizuna.segment.ShopHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline of one customer over the API: every kind newest first, pages that follow each other without a gap or
 * a repeat, the kind filter, and support notes with their follow-up for the staff member assigned.
 */
@KizunaTest
class TimelineTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final ApiClient.As SUPPORT = new ApiClient.Console(Role.SUPPORT);

    @BeforeAll
    static void history(KizunaRuntime kizuna, ApiClient api) {
        ShopHistory shop = new ShopHistory(kizuna);
        shop.customer("T1", "Tanaka");
        shop.customer("T2", "Suzuki");
        for (int i = 0; i < 5; i++) {
            shop.order("T1", ShopHistory.noon(TODAY, 30 - i * 5), "tea", 3_000 + i);
            shop.view("T1", "teaware", ShopHistory.noon(TODAY, 29 - i * 5));
        }
        shop.cancel(shop.order("T1", ShopHistory.noon(TODAY, 2), "tea", 9_000), ShopHistory.noon(TODAY, 1));
        shop.order("T2", ShopHistory.noon(TODAY, 3), "books", 1_000);
        shop.clock(ShopHistory.noon(TODAY, 0));
        ApiClient.Reply note = api.call(SUPPORT, "POST", "/customers/T1/notes", """
                {"channel":"PHONE","topic":"DELIVERY","text":"配送日の変更を希望。6/5に再連絡","followUpOn":"2026-06-01",
                 "assignedTo":"tester-support"}""");
        assertThat(note.status()).as(note.text()).isEqualTo(200);
    }

    private static List<String> kinds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("touchpoints").forEach(t -> out.add(t.get("kind").asText()));
        return out;
    }

    @Test
    void gathers_every_kind_newest_first(ApiClient api) {
        JsonNode page = api.call(SUPPORT, "GET", "/customers/T1/timeline?limit=100", null).json();
        List<String> kinds = kinds(page);
        assertThat(kinds.get(0)).isEqualTo("SUPPORT_NOTE");
        assertThat(kinds).contains("ORDER_PLACED", "ORDER_DELIVERED", "ORDER_CANCELLED", "BROWSED", "REGISTERED");
        assertThat(kinds.stream().filter("ORDER_PLACED"::equals)).hasSize(6);
        assertThat(kinds.stream().filter("BROWSED"::equals)).hasSize(5);
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("REGISTERED");
        List<Instant> times = new ArrayList<>();
        page.get("touchpoints").forEach(t -> times.add(Instant.parse(t.get("at").asText())));
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
        }
        assertThat(page.hasNonNull("next")).isFalse();
        assertThat(page.get("touchpoints").get(0).get("args").toString()).contains("配送日の変更を希望");
    }

    @Test
    void pages_follow_each_other_without_gaps_or_repeats(ApiClient api) {
        List<String> whole = new ArrayList<>();
        api.call(SUPPORT, "GET", "/customers/T1/timeline?limit=100", null).json().get("touchpoints")
                .forEach(t -> whole.add(t.get("key").asText()));
        List<String> paged = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = api.call(SUPPORT, "GET", "/customers/T1/timeline?limit=3"
                    + (next == null ? "" : "&before=" + next), null).json();
            page.get("touchpoints").forEach(t -> paged.add(t.get("key").asText()));
            next = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        } while (next != null && pages < 50);
        assertThat(paged).isEqualTo(whole);
        assertThat(pages).isEqualTo((whole.size() + 2) / 3);
    }

    @Test
    void filters_by_kind_and_refuses_an_unknown_one(ApiClient api) {
        JsonNode page = api.call(SUPPORT, "GET", "/customers/T1/timeline?kind=order-cancelled,support_note", null).json();
        assertThat(kinds(page)).containsExactly("SUPPORT_NOTE", "ORDER_CANCELLED");
        ApiClient.Reply bad = api.call(SUPPORT, "GET", "/customers/T1/timeline?kind=gossip", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("kind");
    }

    @Test
    void another_customers_timeline_holds_only_their_own(ApiClient api) {
        assertThat(kinds(api.call(SUPPORT, "GET", "/customers/T2/timeline", null).json()))
                .containsExactly("ORDER_DELIVERED", "ORDER_PLACED", "REGISTERED");
        assertThat(api.call(SUPPORT, "GET", "/customers/NOBODY/timeline", null).status()).isEqualTo(404);
    }

    @Test
    void the_follow_up_is_due_for_the_assigned_staff_only_and_the_text_is_sealed(ApiClient api, KizunaRuntime kizuna) {
        JsonNode mine = api.call(SUPPORT, "GET", "/support/follow-ups", null).json();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("customerRef").asText()).isEqualTo("T1");
        assertThat(mine.get(0).get("text").asText()).isEqualTo("配送日の変更を希望。6/5に再連絡");
        assertThat(api.call(new ApiClient.Console(Role.MARKETER), "GET", "/support/follow-ups", null).json()).isEmpty();
        String stored = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT body FROM support_note", rs -> rs.getString(1))).orElseThrow();
        assertThat(stored).startsWith("v1.").doesNotContain("配送");
    }

    @Test
    void a_refused_note_names_the_field_and_writes_nothing(ApiClient api, KizunaRuntime kizuna) {
        long before = count(kizuna);
        ApiClient.Reply bad = api.call(SUPPORT, "POST", "/customers/T2/notes",
                "{\"channel\":\"PIGEON\",\"topic\":\"ORDER\",\"text\":\"x\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("channel");
        ApiClient.Reply noStaff = api.call(SUPPORT, "POST", "/customers/T2/notes",
                "{\"channel\":\"MAIL\",\"topic\":\"ORDER\",\"text\":\"x\",\"followUpOn\":\"2026-06-03\"}");
        assertThat(noStaff.status()).isEqualTo(400);
        assertThat(noStaff.json().get("field").asText()).isEqualTo("assignedTo");
        assertThat(count(kizuna)).isEqualTo(before);
    }

    private static long count(KizunaRuntime kizuna) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number("SELECT count(*) FROM support_note"));
    }
}
