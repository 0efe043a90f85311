package dev.kizuna.messaging;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
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
        assertThat(world.number("SELECT count(*) FROM broadcast")).isZero();
    }
}
