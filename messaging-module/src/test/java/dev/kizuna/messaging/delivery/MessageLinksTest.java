package dev.kizuna.messaging.delivery;

import dev.kizuna.core.crypto.SignedTokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The links of a message's body go through its signed redirect, except the way out and links that are not absolute. */
class MessageLinksTest {
    private static final Pattern CLICK = Pattern.compile("href=\"https://shop\\.example\\.jp/crm/go/([^\"]+)\"");

    private final byte[] key = new byte[32];
    private final MessageLinks links = new MessageLinks(new SignedTokens(fill(key)), "https://shop.example.jp/",
            Clock.fixed(Instant.parse("2026-03-02T03:00:00Z"), ZoneOffset.UTC));

    @Test
    void each_absolute_link_is_tracked_for_its_message_and_the_rest_of_the_body_is_kept() {
        String unsubscribe = links.unsubscribeUrl(42);
        String html = "<p>春の新作 <a href=\"https://shop.example.jp/spring?c=1&amp;d=2\">見る</a></p>"
                + "<p><a href=\"http://blog.example.jp/\">blog</a> <a href=\"/relative\">rel</a>"
                + " <a href=\"mailto:info@example.jp\">mail</a> <a href=\"https://\">empty</a></p>"
                + "<p><a href=\"" + unsubscribe + "\">配信停止</a></p>";

        String tracked = links.tracked(html, 42);

        List<MessageLinks.Click> clicks = new ArrayList<>();
        Matcher m = CLICK.matcher(tracked);
        while (m.find()) {
            clicks.add(links.click(m.group(1)).orElseThrow());
        }
        assertThat(clicks).containsExactly(new MessageLinks.Click(42, "https://shop.example.jp/spring?c=1&d=2"),
                new MessageLinks.Click(42, "http://blog.example.jp/"));
        assertThat(tracked).contains("<p>春の新作 <a href=\"https://shop.example.jp/crm/go/")
                .contains("\">見る</a></p>")
                .contains("<a href=\"/relative\">rel</a>", "<a href=\"mailto:info@example.jp\">mail</a>",
                        "<a href=\"https://\">empty</a>", "<a href=\"" + unsubscribe + "\">配信停止</a></p>")
                .doesNotContain("spring?c=1");
        assertThat(links.tracked("<p>no links</p>", 42)).isEqualTo("<p>no links</p>");
        assertThat(links.tracked("<a href=\"https://cut.example.jp", 42)).isEqualTo("<a href=\"https://cut.example.jp");
    }

    private static byte[] fill(byte[] key) {
        Arrays.fill(key, (byte) 7);
        return key;
    }
}
