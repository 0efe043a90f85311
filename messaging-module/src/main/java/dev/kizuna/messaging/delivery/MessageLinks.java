package dev.kizuna.messaging.delivery;

import dev.kizuna.core.crypto.SignedTokens;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed links a message carries: its unsubscribe link ({@code /crm/unsubscribe/<token>}, also the target of
 * the RFC 8058 one-click POST) and the redirect every link of its body goes through ({@code /crm/go/<token>}), which
 * records the click. Signed, so neither can be made up for another message nor point anywhere the message did not.
 */
public final class MessageLinks {
    public static final String UNSUBSCRIBE_SEGMENT = "unsubscribe";
    public static final String CLICK_SEGMENT = "go";
    static final String UNSUBSCRIBE = "messaging.unsubscribe";
    static final String CLICK = "messaging.click";
    /** Long enough for a mail read months later; the law asks that opting out keeps working. */
    private static final Duration VALID = Duration.ofDays(400);
    private static final Pattern HREF = Pattern.compile("href=\"(https?://[^\"]+)\"");

    private final SignedTokens tokens;
    private final String base;
    private final Clock clock;

    public MessageLinks(SignedTokens tokens, String publicBaseUrl, Clock clock) {
        this.tokens = tokens;
        this.base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.clock = clock;
    }

    public String unsubscribeUrl(long messageId) {
        return base + "/crm/" + UNSUBSCRIBE_SEGMENT + "/"
                + tokens.issue(UNSUBSCRIBE, Long.toString(messageId), clock.instant().plus(VALID));
    }

    /** Every absolute link of {@code html} through the signed redirect of {@code messageId}. */
    public String tracked(String html, long messageId) {
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String url = m.group(1).replace("&amp;", "&");
            if (url.startsWith(base + "/crm/" + UNSUBSCRIBE_SEGMENT + "/")) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String token = tokens.issue(CLICK, messageId + " " + url, clock.instant().plus(VALID));
            m.appendReplacement(out, Matcher.quoteReplacement("href=\"" + base + "/crm/" + CLICK_SEGMENT + "/" + token + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The message an unsubscribe token was issued for. */
    public Optional<Long> unsubscribing(String token) {
        try {
            return Optional.of(Long.parseLong(tokens.verify(token, UNSUBSCRIBE, clock.instant()).subject()));
        } catch (SignedTokens.InvalidToken | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public record Click(long messageId, String url) {
    }

    public Optional<Click> click(String token) {
        try {
            String subject = tokens.verify(token, CLICK, clock.instant()).subject();
            int space = subject.indexOf(' ');
            return Optional.of(new Click(Long.parseLong(subject.substring(0, space)), subject.substring(space + 1)));
        } catch (SignedTokens.InvalidToken | RuntimeException e) {
            return Optional.empty();
        }
    }
}
