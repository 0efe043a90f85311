package dev.kizuna.messaging.channel;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.messaging.MessagingWorld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A LINE broadcast end to end: consent for LINE, the host's LINE user id, the push through the line-delivery job. */
class LineBroadcastTest {
    LineFake line;
    KizunaRuntime kizuna;
    ApiClient api;

    @AfterEach
    void stop() {
        api.close();
        kizuna.close();
        line.close();
    }

    @Test
    void a_line_broadcast_pushes_to_linked_customers_who_opted_in_and_retries_a_throttled_push() throws Exception {
        line = new LineFake();
        FakeHost host = new FakeHost() {
            @Override
            public Optional<String> lineUserId(String customerId) {
                return customerId.equals("L-unlinked") ? Optional.empty() : Optional.of("U-" + customerId);
            }
        };
        kizuna = TestKizuna.install(host, Map.of("kizuna.messaging.line-token", "channel-token",
                "kizuna.messaging.line-api", line.baseUrl(), "kizuna.messaging.quiet-hours", ""));
        api = new ApiClient(kizuna);
        MessagingWorld world = new MessagingWorld(kizuna, host, api);
        world.clock(MessagingWorld.tokyo(LocalDate.of(2026, 3, 2), 12, 0));
        for (String ref : new String[]{"L-1", "L-2", "L-unlinked", "L-mail-only"}) {
            world.publish(new CustomerRegistered(MessagingWorld.id(), world.clock(), ref, MessagingWorld.mail(ref),
                    "Name " + ref, null, "ja", ref.equals("L-mail-only") ? Map.of("mail", true) : Map.of("line", true)));
            host.contacts.put(ref, new HostPorts.Contact(MessagingWorld.mail(ref), "Name " + ref, "ja"));
        }
        ApiClient.Reply created = api.call(new ApiClient.Token(), "POST", "/broadcasts", """
                {"name":{"ja":"LINE配信","en":"LINE"},"audience":{"all":true},"channel":"line",
                 "subject":{"ja":"${name}様へ","en":"For ${name}"},
                 "body":{"ja":"<p>ポイント: ${points}</p>","en":"<p>Points: ${points}</p>"},"holdoutPercent":0}""");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(api.call(new ApiClient.Token(), "POST", "/broadcasts/" + id + "/send", null).status()).isEqualTo(202);
        world.run("broadcast-send");
        assertThat(world.number("SELECT count(*) FROM message WHERE status = 'QUEUED'")).isEqualTo(2);

        line.reply(429);
        world.run("line-delivery");
        assertThat(line.pushes).extracting(p -> p.body().get("to").asText())
                .containsExactlyInAnyOrder("U-L-1", "U-L-1", "U-L-2").doesNotContain("U-L-unlinked", "U-L-mail-only");
        assertThat(line.pushes.get(0).body().at("/messages/0/text").asText()).startsWith("Name L-1様へ").contains("ポイント: 0");
        assertThat(world.number("SELECT count(*) FROM message WHERE status = 'DELIVERED' AND body IS NULL")).isEqualTo(2);
        ApiClient.Reply view = api.call(new ApiClient.Token(), "GET", "/broadcasts/" + id, null);
        assertThat(view.json().at("/report/delivered").asLong()).isEqualTo(2);
    }
}
