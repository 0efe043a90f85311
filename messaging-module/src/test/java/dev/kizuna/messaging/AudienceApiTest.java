package dev.kizuna.messaging;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live audience counts over real data (points, orders, birthdays), combined with and/or/not, counting only who opted in
 * to the channel; and what is refused, naming the field.
 */
@KizunaTest
class AudienceApiTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    static MessagingWorld world;

    @BeforeAll
    static void shop(KizunaRuntime kizuna, FakeHost host, ApiClient api) {
        world = new MessagingWorld(kizuna, host, api);
        world.clock(MessagingWorld.tokyo(DAY, 12, 0));
        register("A", LocalDate.of(1990, 3, 14), true);
        register("B", LocalDate.of(1985, 7, 1), true);
        register("C", null, true);
        register("D", LocalDate.of(1990, 3, 20), false);
        world.grantPoints("A", 600);
        world.grantPoints("B", 100);
        world.grantPoints("D", 600);
        world.order("A", world.clock().minus(Duration.ofDays(200)), 5_000);
        world.order("B", world.clock().minus(Duration.ofDays(10)), 5_000);
    }

    static void register(String ref, LocalDate birthday, boolean optIn) {
        world.publish(new CustomerRegistered(MessagingWorld.id(), world.clock().minus(Duration.ofDays(400)), ref,
                MessagingWorld.mail(ref), "Name " + ref, birthday, "ja", Map.of("mail", optIn)));
        world.host.contacts.put(ref, new HostPorts.Contact(MessagingWorld.mail(ref), "Name " + ref, "ja"));
    }

    static ApiClient.Reply count(String audience) {
        return world.api.call(new ApiClient.Token(), "GET",
                "/audiences/count?channel=mail&audience=" + URLEncoder.encode(audience, StandardCharsets.UTF_8), null);
    }

    static long n(String audience) {
        ApiClient.Reply r = count(audience);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("count").asLong();
    }

    @Test
    void criteria_combine_and_count_only_customers_who_opted_in() {
        assertThat(n("{\"all\":true}")).isEqualTo(3);
        assertThat(n("{\"pointsBalance\":{\"atLeast\":500}}")).isEqualTo(1);
        assertThat(n("{\"lastOrderOlderThanDays\":90}")).isEqualTo(1);
        assertThat(n("{\"birthdayMonth\":3}")).isEqualTo(1);
        assertThat(n("{\"or\":[{\"birthdayMonth\":7},{\"pointsBalance\":{\"atLeast\":500}}]}")).isEqualTo(2);
        assertThat(n("{\"not\":{\"pointsBalance\":{\"atLeast\":500}}}")).isEqualTo(2);
        assertThat(n("{\"and\":[{\"pointsBalance\":{\"atLeast\":50}},{\"not\":{\"lastOrderOlderThanDays\":90}}]}"))
                .isEqualTo(1);
        assertThat(n("{\"pointsExpiringWithinDays\":30}")).isZero();
    }

    @Test
    void an_audience_that_cannot_be_is_refused_naming_its_field() {
        ApiClient.Reply unknown = count("{\"and\":[{\"all\":true},{\"colour\":\"red\"}]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("audience.and[1]");
        assertThat(unknown.json().get("code").asText()).isEqualTo("messaging.audience.unknown");
        ApiClient.Reply absent = count("{\"segment\":\"rfm:champions\"}");
        assertThat(absent.status()).isEqualTo(400);
        assertThat(absent.json().get("field").asText()).isEqualTo("audience.segment");
        assertThat(absent.json().get("code").asText()).isEqualTo("messaging.audience.unavailable");
    }

    @Test
    void a_broadcast_whose_template_does_not_parse_is_refused_and_nothing_is_written() {
        ApiClient.Reply r = world.api.call(new ApiClient.Token(), "ja", "POST", "/broadcasts", """
                {"name":{"ja":"壊れた","en":"Broken"},"audience":{"all":true},"subject":{"ja":"件名","en":"Subject"},
                 "body":{"ja":"<p>${name</p>","en":"<p>ok</p>"}}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("body.ja");
        assertThat(r.json().get("detail").asText()).contains("テンプレートとして正しくありません");
        assertThat(world.number("SELECT count(*) FROM broadcast WHERE name->>'ja' = '壊れた'")).isZero();
    }

    @Test
    void a_template_that_cannot_render_is_refused_and_a_preview_shows_a_real_customer() {
        ApiClient.Reply bad = world.api.call(new ApiClient.Token(), "POST", "/broadcasts", """
                {"name":{"ja":"誤字","en":"Typo"},"audience":{"all":true},"subject":{"ja":"${nmae}様","en":"Hi"},
                 "body":{"ja":"<p>本文</p>","en":"<p>Body</p>"}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("subject.ja");
        assertThat(bad.json().get("code").asText()).isEqualTo("messaging.template-failed");

        ApiClient.Reply ok = world.api.call(new ApiClient.Token(), "POST", "/broadcasts", """
                {"name":{"ja":"お知らせ","en":"News"},"audience":{"all":true},"subject":{"ja":"${name}様","en":"Hi ${name}"},
                 "body":{"ja":"<p>${points}ポイント</p>","en":"<p>${points} points</p>"}}""");
        assertThat(ok.status()).as(ok.text()).isEqualTo(201);
        ApiClient.Reply preview = world.api.call(new ApiClient.Token(), "GET",
                "/broadcasts/" + ok.json().get("id").asLong() + "/preview?customer=A", null);
        assertThat(preview.status()).as(preview.text()).isEqualTo(200);
        assertThat(preview.json().get("subject").asText()).isEqualTo("Name A様");
        assertThat(preview.json().get("html").asText()).contains("600ポイント", "/crm/unsubscribe/");
        assertThat(world.number("SELECT count(*) FROM mail_outbox")).isZero();
    }

    @Test
    void the_shipped_journeys_are_listed_switched_off_and_a_merchant_edits_one() {
        ApiClient.Reply list = world.api.call(new ApiClient.Token(), "GET", "/journeys", null);
        assertThat(list.status()).isEqualTo(200);
        java.util.List<String> keys = new java.util.ArrayList<>();
        list.json().forEach(j -> {
            keys.add(j.get("key").asText());
            assertThat(j.get("active").asBoolean()).isFalse();
        });
        assertThat(keys).containsExactlyInAnyOrder("cart-reminder", "points-expiring", "rank-up", "rank-keep", "welcome",
                "win-back");
        long id = world.journeyId("cart-reminder");
        ApiClient.Reply edited = world.api.call(new ApiClient.Token(), "PUT", "/journeys/" + id, """
                {"key":"cart-reminder","name":{"ja":"カート","en":"Cart"},"trigger":"cart-abandoned","active":true,
                 "steps":[{"after":"PT2H","subject":{"ja":"お忘れではありませんか","en":"Forgot something?"},
                           "body":{"ja":"<p>${name}様</p>","en":"<p>${name}</p>"}}]}""");
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(edited.json().get("active").asBoolean()).isTrue();
        assertThat(edited.json().at("/steps/0/after").asText()).isEqualTo("PT2H");
        ApiClient.Reply refused = world.api.call(new ApiClient.Token(), "PUT", "/journeys/" + id, """
                {"key":"cart-reminder","name":{"ja":"カート","en":"Cart"},"trigger":"cart-abandoned",
                 "steps":[{"after":"two hours","subject":{"ja":"a","en":"a"},"body":{"ja":"b","en":"b"}}]}""");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("steps[0].after");
    }
}
