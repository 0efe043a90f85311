package dev.kizuna.loyalty.rank;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.ApiClient.Shopper;
import dev.kizuna.core.testing.ApiClient.Token;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A member sale with early access by rank: Gold may buy a day before Silver, everyone else only from its start. */
@KizunaTest
class MemberSalesTest {
    private final KizunaRuntime kizuna;
    private final ApiClient api;
    private final RankTestData data;

    MemberSalesTest(KizunaRuntime kizuna, ApiClient api) {
        this.kizuna = kizuna;
        this.api = api;
        this.data = new RankTestData(kizuna);
    }

    void holds(String customerRef, String rank) {
        long m = data.member(customerRef);
        data.sql("INSERT INTO member_rank (member_id, rank_code, since, updated_at) VALUES (?, ?, now(), now())", m, rank);
    }

    @Test
    void a_gold_shopper_may_buy_at_the_member_sale_a_day_before_a_silver_one_and_others_from_its_start() {
        holds("C-sale-gold", "GOLD");
        holds("C-sale-silver", "SILVER");
        data.member("C-sale-regular");
        Reply created = api.call(new Token(), "POST", "/member-sales", """
                {"name":{"ja":"夏の会員セール","en":"Summer member sale"},
                 "startsAt":"2026-07-03T00:00:00+09:00","endsAt":"2026-07-06T00:00:00+09:00",
                 "earlyAccess":[{"rank":"GOLD","opensAt":"2026-07-01T00:00:00+09:00"},
                                {"rank":"SILVER","opensAt":"2026-07-02T00:00:00+09:00"}]}""");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        kizuna.context().clock().set(Instant.parse("2026-07-01T03:00:00Z"));   // 1 July, noon in Tokyo
        assertThat(access("C-sale-gold", id).get("allowed").asBoolean()).isTrue();
        JsonNode silver = access("C-sale-silver", id);
        assertThat(silver.get("allowed").asBoolean()).isFalse();
        assertThat(silver.get("opensAt").asText()).isEqualTo("2026-07-01T15:00:00Z");
        JsonNode gold = api.call(new Shopper("C-sale-gold"), "GET", "/me/member-sales", null).json();
        assertThat(gold.at("/0/openNow").asBoolean()).isTrue();
        assertThat(gold.at("/0/early").asBoolean()).isTrue();
        assertThat(gold.at("/0/name").asText()).isEqualTo("Summer member sale");
        assertThat(api.call(new Shopper("C-sale-silver"), "GET", "/me/member-sales", null).json().at("/0/openNow")
                .asBoolean()).isFalse();

        kizuna.context().clock().set(Instant.parse("2026-07-02T03:00:00Z"));
        assertThat(access("C-sale-silver", id).get("allowed").asBoolean()).isTrue();
        assertThat(access("C-sale-regular", id).get("allowed").asBoolean()).isFalse();
        kizuna.context().clock().set(Instant.parse("2026-07-03T03:00:00Z"));
        assertThat(access("C-sale-regular", id).get("allowed").asBoolean()).isTrue();
        kizuna.context().clock().set(Instant.parse("2026-07-06T03:00:00Z"));
        assertThat(access("C-sale-gold", id).get("allowed").asBoolean()).as("ended").isFalse();

        Reply refused = api.call(new Token(), "POST", "/member-sales", """
                {"name":{"ja":"x","en":"x"},"startsAt":"2026-08-03T00:00:00+09:00","endsAt":"2026-08-06T00:00:00+09:00",
                 "earlyAccess":[{"rank":"BRONZE","opensAt":"2026-08-01T00:00:00+09:00"}]}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("earlyAccess[0].rank");
    }

    private JsonNode access(String customerRef, long saleId) {
        return api.call(new Token(), "GET", "/member-sales/" + saleId + "/access?customer=" + customerRef, null).json();
    }
}
