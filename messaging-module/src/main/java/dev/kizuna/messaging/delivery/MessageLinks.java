package dev.kizuna.messaging.delivery;

import dev.kizuna.core.crypto.SignedTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
    private static final String HREF = "href=\"";

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

    /**
     * Every absolute link of {@code html} ({@code href="http…"}) through the signed redirect of {@code messageId}; the
     * unsubscribe link, relative and {@code mailto:} links stay as they are. A plain scan rather than a regular
     * expression: a broadcast runs it over a million bodies.
     */
    public String tracked(String html, long messageId) {
        String unsubscribe = base + "/crm/" + UNSUBSCRIBE_SEGMENT + "/";
        Instant expires = clock.instant().plus(VALID);
        StringBuilder out = new StringBuilder(html.length() + 256);
        int done = 0;
        for (int at = html.indexOf(HREF); at >= 0; at = html.indexOf(HREF, done)) {
            int start = at + HREF.length();
            int end = html.indexOf('"', start);
            if (end < 0) {
                break;
            }
            String url = html.substring(start, end).replace("&amp;", "&");
            out.append(html, done, start);
            if (absolute(url) && !url.startsWith(unsubscribe)) {
                out.append(base).append("/crm/").append(CLICK_SEGMENT).append('/')
                        .append(tokens.issue(CLICK, messageId + " " + url, expires));
            } else {
                out.append(html, start, end);
            }
            done = end;
        }
        return out.append(html, done, html.length()).toString();
    }

    private static boolean absolute(String url) {
        return url.startsWith("https://") ? url.length() > 8 : url.startsWith("http://") && url.length() > 7;
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
