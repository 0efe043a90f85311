package dev.kizuna.messaging;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ConsoleLabels;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.messaging.delivery.MessageLinks;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messaging feature's contribution to the customer timeline: a broadcast mail sent to the customer and the click
 * on its link, newest first, each kind on its own when asked alone; nothing for a customer who was never mailed.
 */
@KizunaTest(config = "kizuna.public-base-url=" + MessagingWorld.BASE_URL)
class MessageTouchpointsTest {
    static final Instant NEWEST = Instant.parse("9999-12-31T00:00:00Z");
    static final Pattern CLICK = Pattern.compile(Pattern.quote(MessagingWorld.BASE_URL) + "/crm/"
            + MessageLinks.CLICK_SEGMENT + "/([A-Za-z0-9_\\-.]+)");

    @Test
    void a_mail_sent_and_its_click_are_touchpoints_of_the_customer(KizunaRuntime kizuna, FakeHost host, ApiClient api) {
        MessagingWorld world = new MessagingWorld(kizuna, host, api);
        Instant sentAt = MessagingWorld.tokyo(LocalDate.of(2026, 3, 2), 10, 0);
        world.clock(sentAt);
        long member = world.customer("C-MT", "ja", true);
        long silent = world.customer("C-MT-none", "ja", false);
        world.broadcast("{\"all\":true}", 0);
        String body = world.mailsTo("C-MT").get(0).body();
        Matcher link = CLICK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        Instant clickedAt = sentAt.plusSeconds(3_600);
        world.clock(clickedAt);
        assertThat(api.page("GET", "/" + MessageLinks.CLICK_SEGMENT + "/" + link.group(1), Map.of()).status())
                .isIn(302, 303);

        TouchpointSource source = kizuna.context().ports().all(TouchpointSource.class).stream()
                .filter(s -> s.kinds().contains(TouchpointKind.MESSAGE_SENT)).findFirst().orElseThrow();
        List<Touchpoint> both = kizuna.context().database().inTransaction(tx -> source.before(tx, member,
                source.kinds(), NEWEST, "\uffff", 10));
        assertThat(both).extracting(Touchpoint::kind).containsExactly(TouchpointKind.MESSAGE_CLICKED,
                TouchpointKind.MESSAGE_SENT);
        // the shop clock runs on from where the test sets it
        assertThat(both.get(0).at()).isBetween(clickedAt, clickedAt.plusSeconds(600));
        assertThat(both.get(1).at()).isBetween(sentAt, clickedAt);
        assertThat(both.get(1).args()).containsExactly(new Touchpoint.Label("messaging.channel.mail"),
                LocalizedText.of("ニュースレター", "Newsletter"));
        ConsoleLabels.assertLabelled("", List.of("timeline.message-sent", "timeline.message-clicked",
                "messaging.channel.mail", "messaging.channel.line"));

        List<Touchpoint> sentOnly = kizuna.context().database().inTransaction(tx -> source.before(tx, member,
                Set.of(TouchpointKind.MESSAGE_SENT), NEWEST, "\uffff", 10));
        assertThat(sentOnly).extracting(Touchpoint::kind).containsExactly(TouchpointKind.MESSAGE_SENT);
        Touchpoint click = both.get(0);
        List<Touchpoint> afterClick = kizuna.context().database().inTransaction(tx -> source.before(tx, member,
                source.kinds(), click.at(), click.key(), 10));
        assertThat(afterClick).extracting(Touchpoint::kind).containsExactly(TouchpointKind.MESSAGE_SENT);
        List<Touchpoint> none = kizuna.context().database().inTransaction(tx -> source.before(tx, silent,
                source.kinds(), NEWEST, "\uffff", 10));
        assertThat(none).isEmpty();
    }
}
